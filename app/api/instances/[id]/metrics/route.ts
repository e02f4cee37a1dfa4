// Time series of one instance for a window, shaped for charts (series, thresholds, markers).
import { withApi } from "@/lib/api/with-api";
import { instanceIdSchema } from "@/lib/api/schemas/instance";
import { metricsQuerySchema } from "@/lib/api/schemas/metrics";
import { metricsForInstance } from "@/lib/metrics/metrics-service";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withApi({
  auth: "viewer",
  schemas: { params: instanceIdSchema, query: metricsQuerySchema },
  handler: async ({ params, query }) => ({ metrics: await metricsForInstance(params.id, query) }),
});
