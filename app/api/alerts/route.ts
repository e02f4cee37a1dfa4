// Alerts: open ones (firing first, then pending) by default; `?state=all&instanceId=` for an instance's history.
import { withApi } from "@/lib/api/with-api";
import { alertsQuerySchema } from "@/lib/api/schemas/metrics";
import { alertList } from "@/lib/metrics/metrics-service";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withApi({
  auth: "viewer",
  schemas: { query: alertsQuerySchema },
  handler: async ({ query }) => ({ alerts: await alertList(query) }),
});
