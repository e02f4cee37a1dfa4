// Runs one probe against an instance and returns its ProbeResult (a Redis failure is in `error`).
import { withApi } from "@/lib/api/with-api";
import { probeRunSchemas, resolveProbeRun } from "@/lib/probes/probe-request";
import { runProbe } from "@/lib/probes/run-probe";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = withApi({
  schemas: probeRunSchemas,
  handler: async ({ params, body, req }) => {
    const run = await resolveProbeRun(params, body);
    return { result: await runProbe(run.probe, run.config, run.params, { signal: req.signal }) };
  },
});
