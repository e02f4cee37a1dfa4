// The lab's scenarios and their state (only when the server runs with REDLINE_LAB=1).
import { withApi } from "@/lib/api/with-api";
import { listLab } from "@/lib/lab/lab-service";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withApi({ auth: "viewer", handler: async () => ({ scenarios: await listLab() }) });
