// The frame every benchmark file runs in: parse knobs, record the load average before and after,
// then write the report where run.ts asked (--out), as JSON (--json) or as a table.
import fs from "node:fs";
import { Args } from "./args";
import { loadavg } from "./host";
import type { BenchReport, SummaryRow } from "./report";
import { summaryTable } from "./table";

export interface BenchOutcome {
  params: Record<string, unknown>;
  summary: SummaryRow[];
  details: unknown;
}

export function benchMain(bench: string, run: (args: Args) => Promise<BenchOutcome>): void {
  const args = new Args();
  const before = loadavg();
  const startedAt = new Date();
  const t0 = performance.now();
  run(args).then(
    (outcome) => {
      const report: BenchReport = {
        bench,
        params: outcome.params,
        startedAt: startedAt.toISOString(),
        durationMs: Math.round(performance.now() - t0),
        loadavg: { before, after: loadavg() },
        summary: outcome.summary,
        details: outcome.details,
      };
      const out = args.get("out");
      if (out) fs.writeFileSync(out, JSON.stringify(report, null, 2));
      else if (args.has("json")) console.log(JSON.stringify(report, null, 2));
      else {
        console.log(`\n${bench}: load average ${before.join(" ")} → ${report.loadavg.after.join(" ")}, ${Math.round(report.durationMs / 1000)} s`);
        console.log(summaryTable([report]));
      }
      process.exit(0);
    },
    (err: unknown) => {
      console.error(`${bench} failed:`, err);
      process.exit(1);
    },
  );
}

/** Progress on stderr: stdout stays clean for --json. */
export function progress(message: string): void {
  process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}
