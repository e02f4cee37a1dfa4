// The published JSON Schema of the investigation export (generated from the zod schema by
// `npm run export-schema`). Public: a schema holds no data, and tools validating exports need it.
import { withApi } from "@/lib/api/with-api";
import schema from "@/lib/investigations/export/investigation-export.schema.json";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withApi({
  auth: "public",
  handler: async () => new Response(JSON.stringify(schema, null, 2), { headers: { "content-type": "application/schema+json", "cache-control": "public, max-age=300" } }),
});
