// Writes the published JSON Schema of the investigation export from its zod schema. Run after
// changing lib/investigations/export/bundle-schema.ts: npm run export-schema (a test fails until then).
import fs from "node:fs";
import path from "node:path";
import { exportJsonSchema } from "@/lib/investigations/export/bundle-schema";

const out = path.resolve(import.meta.dirname, "../lib/investigations/export/investigation-export.schema.json");
fs.writeFileSync(out, `${JSON.stringify(exportJsonSchema(), null, 2)}\n`);
console.log(`wrote ${path.relative(process.cwd(), out)}`);
