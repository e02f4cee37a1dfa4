// The probe catalog: id, title, cost, redis-cli equivalent and parameter schema of every probe.
import { withApi } from "@/lib/api/with-api";
import { probeCatalog } from "@/lib/probes/registry";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withApi({ auth: "viewer", handler: async () => ({ probes: probeCatalog() }) });
