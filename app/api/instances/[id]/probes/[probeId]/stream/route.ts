// Runs one probe and streams it as Server-Sent Events: `progress` while it runs, then `result` with
// the ProbeResult. Same body as the plain run route; closing the request cancels the probe.
import { withApi } from "@/lib/api/with-api";
import { probeRunSchemas, resolveProbeRun } from "@/lib/probes/probe-request";
import { probeEventStream } from "@/lib/probes/probe-stream";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = withApi({
  // Viewer at the door; the probe's cost decides inside (scans and sampling need a responder).
  auth: "viewer",
  schemas: probeRunSchemas,
  handler: async ({ params, body, req, user }) => probeEventStream(await resolveProbeRun(params, body, user), req.signal),
});
