// Runs one probe against an instance and returns its ProbeResult (a Redis failure is in `error`).
import { z } from "zod";
import { fieldErrors, withApi } from "@/lib/api/with-api";
import { ApiError } from "@/lib/api/problem";
import { requireConnectionConfig } from "@/lib/instances/instance-service";
import { getProbe } from "@/lib/probes/registry";
import { runProbe } from "@/lib/probes/run-probe";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = withApi({
  schemas: {
    params: z.object({ id: z.string().uuid("Not an instance id"), probeId: z.string().regex(/^[a-z0-9-]{1,64}$/, "Not a probe id") }),
    body: z.record(z.string(), z.unknown()),
  },
  handler: async ({ params, body, req }) => {
    const probe = getProbe(params.probeId);
    if (!probe) throw new ApiError("not_found", `No probe named ${params.probeId}`);
    const parsed = probe.params.safeParse(body);
    if (!parsed.success) throw new ApiError("invalid_params", "Invalid probe parameters", fieldErrors(parsed.error));
    const config = await requireConnectionConfig(params.id);
    return { result: await runProbe(probe, config, parsed.data, { signal: req.signal }) };
  },
});
