// The postmortem document of an investigation: the saved one, or the draft pre-filled from the
// investigation and its playbook (version 0). PUT saves the whole document from the version the
// author started from; a newer version on the server is a 409, never silently overwritten.
import { withApi } from "@/lib/api/with-api";
import { investigationIdSchema } from "@/lib/api/schemas/investigation";
import { putPostmortemSchema } from "@/lib/api/schemas/postmortem";
import { loadPostmortem, savePostmortemDoc } from "@/lib/investigations/timeline-service";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withApi({
  auth: "viewer",
  schemas: { params: investigationIdSchema },
  handler: async ({ params }) => ({ postmortem: await loadPostmortem(params.id) }),
});

export const PUT = withApi({
  auth: "responder",
  schemas: { params: investigationIdSchema, body: putPostmortemSchema },
  handler: async ({ params, body, user }) => ({ postmortem: await savePostmortemDoc(params.id, body.doc, body.baseVersion, user.name) }),
});
