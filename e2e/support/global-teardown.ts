// Prints the do-no-harm recorder's totals, then removes the e2e data dir (database, key file, server
// log) once every spec is done.
import fs from "node:fs";
import path from "node:path";

export default function globalTeardown() {
  const dir = process.env.REDLINE_E2E_DATA_DIR;
  if (!dir || !dir.includes("redline-e2e-")) return;
  const file = path.join(dir, "harm-report.jsonl");
  if (fs.existsSync(file)) {
    const lines = fs.readFileSync(file, "utf8").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l) as { nodes: number; commands: number; maxConnections: number; violations: string[]; mutating: string[] });
    const sum = (k: "nodes" | "commands") => lines.reduce((a, l) => a + l[k], 0);
    const violations = lines.reduce((a, l) => a + l.violations.length, 0);
    const mutating = lines.reduce((a, l) => a + l.mutating.length, 0);
    const maxConnections = Math.max(0, ...lines.map((l) => l.maxConnections));
    console.log(`do-no-harm recorder: ${sum("commands")} Redline commands on ${sum("nodes")} lab servers, at most ${maxConnections} redline:* connections on one, ${violations} violations, ${mutating} mutating commands`);
  }
  fs.rmSync(dir, { recursive: true, force: true });
}
