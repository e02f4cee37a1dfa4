// Investigations: start one (instance + playbook), list them by instance and status.
import { withApi } from "@/lib/api/with-api";
import { listInvestigationsQuerySchema, startInvestigationSchema } from "@/lib/api/schemas/investigation";
import { listInvestigations, startInvestigation } from "@/lib/investigations/investigation-service";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = withApi({
  auth: "responder",
  schemas: { body: startInvestigationSchema },
  status: 201,
  handler: async ({ body, user }) => ({ investigation: await startInvestigation({ ...body, actor: user }) }),
});

export const GET = withApi({
  auth: "viewer",
  schemas: { query: listInvestigationsQuerySchema },
  handler: async ({ query }) => ({ investigations: await listInvestigations(query) }),
});
