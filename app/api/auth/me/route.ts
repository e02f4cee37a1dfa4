// Who am I: the caller's name, role and how they authenticated.
import { withApi } from "@/lib/api/with-api";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withApi({ auth: "viewer", handler: async ({ user }) => ({ user }) });
