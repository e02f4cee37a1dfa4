// Exports an investigation as a file: Markdown, JSON (the evidence bundle, versioned schema) or
// PDF (rendered by Chromium on the server); redact=1 replaces key names, client addresses and
// client names by stable tokens. Every export is audited.
import { withApi } from "@/lib/api/with-api";
import { investigationIdSchema } from "@/lib/api/schemas/investigation";
import { exportQuerySchema } from "@/lib/api/schemas/postmortem";
import { exportInvestigation } from "@/lib/investigations/export/export-service";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
// A PDF render may take a while on a loaded machine.
export const maxDuration = 60;

export const GET = withApi({
  auth: "viewer",
  schemas: { params: investigationIdSchema, query: exportQuerySchema },
  handler: async ({ params, query, user }) => {
    const file = await exportInvestigation(params.id, query.format, { redact: query.redact, caller: user });
    return new Response(typeof file.body === "string" ? file.body : new Uint8Array(file.body), {
      headers: {
        "content-type": file.contentType,
        "content-disposition": `attachment; filename="${file.filename}"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  },
});
