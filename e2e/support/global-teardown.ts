// Removes the e2e data dir (database, key file, server log) once every spec is done.
import fs from "node:fs";

export default function globalTeardown() {
  const dir = process.env.REDLINE_E2E_DATA_DIR;
  if (dir && dir.includes("redline-e2e-")) fs.rmSync(dir, { recursive: true, force: true });
}
