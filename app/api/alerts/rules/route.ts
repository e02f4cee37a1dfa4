// The rule table as Prometheus alerting rules over redis_exporter metric names (YAML).
import { withApi } from "@/lib/api/with-api";
import { prometheusRules } from "@/lib/metrics/prometheus-rules";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withApi({
  auth: "viewer",
  handler: async () =>
    new Response(prometheusRules().yaml, {
      headers: { "content-type": "text/yaml; charset=utf-8", "content-disposition": 'inline; filename="redline-alerts.yml"', "cache-control": "no-store" },
    }),
});
