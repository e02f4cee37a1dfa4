// The generated part of BENCHMARKS.md: machine, versions, load, the summary table and the per-run
// rows of the scan, from one `npm run bench` result. run.ts rewrites the block between the markers
// after a full run, so every figure in it comes from that one run.
import type { BenchReport } from "./report";
import { markdownTable, summaryTable } from "./table";

export const START = "<!-- bench:results:start -->";
export const END = "<!-- bench:results:end -->";

export interface RunResult {
  startedAt: string;
  durationMs: number;
  command: string;
  host: Record<string, unknown> & { cores: number; cpuModel: string | null; ramGb: number | null };
  loadavg: { before: number[]; after: number[] };
  reports: BenchReport[];
}

interface ScanRunRow {
  tool: string;
  round: number;
  wallMs: number;
  keysPerSec: number;
  baseline: { p50: number | null; p99: number | null; max: number | null };
  during: { p50: number | null; p99: number | null; max: number | null };
  server: { cpuSeconds: number; slowlogEntries: number };
  clientCpuUsPerKey: number | null;
  recall: { found: number; of: number };
}

function scanRuns(report: BenchReport | undefined): string {
  const runs = (report?.details as { runs?: ScanRunRow[] } | undefined)?.runs;
  if (!runs?.length) return "";
  const rows = runs.map((r) => [
    r.tool,
    r.round,
    r.wallMs / 1000,
    r.keysPerSec,
    `${r.baseline.p50} / ${r.baseline.p99} / ${r.baseline.max}`,
    `${r.during.p50} / ${r.during.p99} / ${r.during.max}`,
    r.server.cpuSeconds,
    r.server.slowlogEntries,
    r.clientCpuUsPerKey,
    `${r.recall.found}/${r.recall.of}`,
  ]);
  const header = ["tool", "round", "wall s", "keys/s", "baseline p50/p99/max ms", "during p50/p99/max ms", "server CPU s", "new SLOWLOG", "client CPU µs/key", "planted found"];
  return `\n#### Scan, every run (alternating)\n\n${markdownTable(header, rows)}\n`;
}

export function resultsMarkdown(r: RunResult): string {
  const h = r.host;
  const versions = ["node", "redisServer", "redisCli", "chromium", "next", "ioredis"].map((k) => `${k}: ${String(h[k] ?? "?")}`).join(" · ");
  const loads = r.reports.map((b) => `- ${b.bench}: load average ${b.loadavg.before.join(" ")} → ${b.loadavg.after.join(" ")} (1/5/15 min), ${Math.round(b.durationMs / 1000)} s`).join("\n");
  return [
    START,
    `_Generated from \`bench/results/latest.json\` (\`${r.command}\`, started ${r.startedAt}, ${Math.round(r.durationMs / 1000)} s). Do not edit by hand: a full run rewrites this block._`,
    "",
    `- Machine: ${h.cores} cores, ${h.cpuModel ?? "?"}, ${h.ramGb ?? "?"} GB RAM, ${String(h.os ?? "")}`,
    `- Versions: ${versions}`,
    `- Load average over the whole run: ${r.loadavg.before.join(" ")} → ${r.loadavg.after.join(" ")}`,
    loads,
    "",
    summaryTable(r.reports),
    scanRuns(r.reports.find((b) => b.bench === "scan")),
    END,
  ].join("\n");
}

/** Replaces the block between the markers; the document must already hold them. */
export function replaceResults(doc: string, block: string): string {
  const a = doc.indexOf(START);
  const b = doc.indexOf(END);
  if (a < 0 || b < a) throw new Error(`BENCHMARKS.md has no ${START} … ${END} block`);
  return doc.slice(0, a) + block + doc.slice(b + END.length);
}
