// Runs one probe against an instance and returns its ProbeResult (a Redis failure is in `error`).
import { withApi } from "@/lib/api/with-api";
import { probeRunSchemas, resolveProbeRun } from "@/lib/probes/probe-request";
import { runProbe } from "@/lib/probes/run-probe";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = withApi({
  // Viewer at the door; the probe's cost decides inside (scans and sampling need a responder).
  auth: "viewer",
  schemas: probeRunSchemas,
  handler: async ({ params, body, req, user }) => {
    const run = await resolveProbeRun(params, body, user);
    return { result: await runProbe(run.probe, run.config, run.params, { signal: req.signal }) };
  },
});
