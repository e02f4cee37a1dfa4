// Checks that a secret appears nowhere a person or a log reader could see it.
import fs from "node:fs";
import path from "node:path";

/** Every file in the data dir (database, WAL, server log) as raw bytes, searched for the secret. */
export function filesContaining(dir: string, secret: string): string[] {
  const hits: string[] = [];
  const needle = Buffer.from(secret);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (fs.readFileSync(file).includes(needle)) hits.push(file);
  }
  return hits;
}
