// Triage of one instance: every playbook scored against the instance's evidence, best first.
//
// The body is the triage object itself, { instanceId, ranAt, durationMs, ranked }, NOT wrapped as
// { triage: … }: DESIGN.md's "wrap the object in its name" rule conflicts with the contract in the
// issue that introduced this endpoint, which scripts outside the project already parse. The issue's
// contract wins here; every other endpoint keeps the wrapping rule.
import { withApi } from "@/lib/api/with-api";
import { instanceIdSchema } from "@/lib/api/schemas/instance";
import { requireConnectionConfig } from "@/lib/instances/instance-service";
import { runTriage } from "@/lib/triage/run-triage";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withApi({
  auth: "viewer",
  schemas: { params: instanceIdSchema },
  handler: async ({ params, req }) => {
    const config = await requireConnectionConfig(params.id);
    const { instanceId, ranAt, durationMs, ranked } = await runTriage(config, { signal: req.signal });
    return { instanceId, ranAt, durationMs, ranked };
  },
});
