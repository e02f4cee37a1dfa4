// Runs one playbook step's probe on the investigation's instance; answers once the result is saved.
import { withApi } from "@/lib/api/with-api";
import { investigationStepPathSchema } from "@/lib/api/schemas/investigation";
import { runStep } from "@/lib/investigations/investigation-service";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = withApi({
  auth: "responder",
  schemas: { params: investigationStepPathSchema },
  handler: async ({ params, req, user }) => ({ step: await runStep(params.id, params.stepId, { signal: req.signal, actor: user }) }),
});
