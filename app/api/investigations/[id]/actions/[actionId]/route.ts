// Runs one playbook fix action on the investigation's instance, guarded: remediation allowed on the
// instance, the role the fix's risk needs (destructive: admin, checked in the service), and the
// typed confirmation equal to the exact command(s). Answers once the audit and step records are saved.
import { withApi } from "@/lib/api/with-api";
import { executeFixBodySchema, investigationActionPathSchema } from "@/lib/api/schemas/investigation";
import { executeFix } from "@/lib/investigations/fix-execution";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = withApi({
  auth: "responder",
  schemas: { params: investigationActionPathSchema, body: executeFixBodySchema },
  handler: async ({ params, body, user }) =>
    executeFix({ investigationId: params.id, actionId: params.actionId, params: body.params, confirmation: body.confirmation, user }),
});
