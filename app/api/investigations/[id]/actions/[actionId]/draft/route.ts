// A fix's draft: suggested params from the investigation's results, merged with the typed ones, and
// the exact command(s) and confirmation text they render to. Sends nothing to Redis.
import { withApi } from "@/lib/api/with-api";
import { draftFixBodySchema, investigationActionPathSchema } from "@/lib/api/schemas/investigation";
import { draftFix } from "@/lib/investigations/fix-draft";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = withApi({
  auth: "responder",
  schemas: { params: investigationActionPathSchema, body: draftFixBodySchema },
  handler: async ({ params, body }) => ({ draft: await draftFix(params.id, params.actionId, body.params) }),
});
