// Prometheus exposition: every sampled node's figures (labels instance, address, role) and Redline's own.
import { withApi } from "@/lib/api/with-api";
import { prometheusExposition } from "@/lib/metrics/metrics-service";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withApi({
  // Prometheus scrapes with a viewer API token (`authorization.credentials` in the scrape config).
  auth: "viewer",
  handler: async () => {
    const { body, contentType } = await prometheusExposition();
    return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
  },
});
