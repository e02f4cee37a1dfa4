// `npm run bench [-- <name…>] [--keys N] [--json] […knobs]`: runs the benchmarks (all by default:
// scan, hotkeys, sampler, api), each in its own process, prints one summary table, and keeps the raw
// JSON in bench/results/ (latest.json for a full run, <name>.json for a partial one). A full run
// also rewrites the generated results block of BENCHMARKS.md, so the document always shows one run.
// Knobs pass through to every benchmark; each ignores those it does not know.
import fs from "node:fs";
import path from "node:path";
import { Args } from "./lib/args";
import { runScript } from "./lib/child";
import { hostInfo, loadavg } from "./lib/host";
import type { BenchReport } from "./lib/report";
import { replaceResults, resultsMarkdown } from "./lib/results-md";
import { summaryTable } from "./lib/table";

const ALL = ["scan", "hotkeys", "sampler", "api"] as const;

async function main(): Promise<void> {
  const args = new Args();
  const named = args.positional();
  const unknown = named.filter((n) => !(ALL as readonly string[]).includes(n));
  if (unknown.length) throw new Error(`Unknown benchmark ${unknown.join(", ")}; known: ${ALL.join(", ")}`);
  const selected = named.length ? ALL.filter((n) => named.includes(n)) : [...ALL];
  const passThrough = process.argv.slice(2).filter((a) => !named.includes(a) && a !== "--json");
  const started = new Date();
  const before = loadavg();
  const reports: BenchReport[] = [];
  for (const name of selected) {
    process.stderr.write(`\n=== ${name} ===\n`);
    reports.push(await runScript<BenchReport>(path.join(import.meta.dirname, `${name}.ts`), passThrough));
  }
  const result = {
    startedAt: started.toISOString(),
    durationMs: Date.now() - started.getTime(),
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`,
    host: hostInfo(),
    loadavg: { before, after: loadavg() },
    reports,
  };
  const dir = path.join(import.meta.dirname, "results");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, selected.length === ALL.length ? "latest.json" : `${selected.join("-")}.json`);
  fs.writeFileSync(file, JSON.stringify(result, null, 2) + "\n");
  const doc = path.join(process.cwd(), "BENCHMARKS.md");
  if (selected.length === ALL.length && fs.existsSync(doc)) {
    fs.writeFileSync(doc, replaceResults(fs.readFileSync(doc, "utf8"), resultsMarkdown(result)));
  }
  if (args.has("json")) {
    console.log(JSON.stringify(result, null, 2));
    return;
  }
  const h = result.host;
  console.log(`\n${h.cores} × ${h.cpuModel}, ${h.ramGb} GB RAM; node ${h.node}, ${h.redisServer}, next ${h.next}`);
  console.log(`load average ${before.join(" ")} → ${result.loadavg.after.join(" ")}; ${Math.round(result.durationMs / 1000)} s; raw JSON: ${path.relative(process.cwd(), file)}`);
  for (const r of reports) console.log(`  ${r.bench}: load average ${r.loadavg.before.join(" ")} → ${r.loadavg.after.join(" ")}, ${Math.round(r.durationMs / 1000)} s`);
  console.log(`\n${summaryTable(reports)}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
