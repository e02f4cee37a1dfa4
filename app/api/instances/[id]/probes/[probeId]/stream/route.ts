// Runs one probe and streams it as Server-Sent Events: `progress` while it runs, then `result` with
// the ProbeResult. Same body as the plain run route; closing the request cancels the probe.
import { withApi } from "@/lib/api/with-api";
import { probeRunSchemas, resolveProbeRun } from "@/lib/probes/probe-request";
import { probeEventStream } from "@/lib/probes/probe-stream";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = withApi({
  schemas: probeRunSchemas,
  handler: async ({ params, body, req }) => probeEventStream(await resolveProbeRun(params, body), req.signal),
});
