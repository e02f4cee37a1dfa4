// One investigation: its step records, the hypotheses they decide, and changes (status, root cause, note).
import { withApi } from "@/lib/api/with-api";
import { investigationIdSchema, patchInvestigationSchema } from "@/lib/api/schemas/investigation";
import { loadInvestigation, patchInvestigation } from "@/lib/investigations/investigation-service";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withApi({
  auth: "viewer",
  schemas: { params: investigationIdSchema },
  handler: async ({ params }) => ({ investigation: await loadInvestigation(params.id) }),
});

export const PATCH = withApi({
  auth: "responder",
  schemas: { params: investigationIdSchema, body: patchInvestigationSchema },
  handler: async ({ params, body, user }) => ({ investigation: await patchInvestigation(params.id, body, undefined, user) }),
});
