// Benchmark: the sampler at 100, 300 and 1000 registered instances (real redis-servers, shared),
// sampled every second; each size in a fresh process (bench/sampler/fleet-run.ts). Reference: the
// smallest size of the same run, so the ratios say how cost grows with the fleet.
//   node --conditions=react-server --import tsx bench/sampler.ts [--instances 100,300,1000] [--servers 10] [--seconds 30] [--json]
import path from "node:path";
import { benchMain } from "./lib/bench-main";
import { runScript } from "./lib/child";
import type { BenchReport, SummaryRow } from "./lib/report";
import { ratio } from "./lib/stats";

interface FleetRun {
  instances: number;
  cpuPercentOfOneCore: number;
  cpuPercentPer100Instances: number;
  samplerLagP99Ms: number | null;
  samplerLagP99BeyondBuckets: boolean;
  skippedNodeSamples: number;
  samplerTicks: number;
  rssMb: { start: number; max: number };
  heapUsedMb: { afterWarmup: number; max: number };
  eventLoopDelayMs: { p99: number };
  fleetCallMs: { p99: number | null };
}

benchMain("sampler", async (args) => {
  const sizes = args.numbers("instances", [100, 300, 1000]);
  const servers = args.number("servers", 10);
  const seconds = args.number("seconds", 30);
  const intervalMs = args.number("interval-ms", 1_000);
  const script = path.join(import.meta.dirname, "sampler", "fleet-run.ts");
  const runs: FleetRun[] = [];
  for (const n of sizes) {
    const report = await runScript<BenchReport>(script, ["--instances", String(n), "--servers", String(servers), "--seconds", String(seconds), "--interval-ms", String(intervalMs)]);
    runs.push(report.details as FleetRun);
  }
  const ref = runs[0]!;
  const summary: SummaryRow[] = runs.flatMap((r): SummaryRow[] => [
    {
      metric: `${r.instances} instances: CPU per 100 instances`,
      value: r.cpuPercentPer100Instances,
      unit: "% of a core",
      reference: { name: `${ref.instances} instances`, value: ref.cpuPercentPer100Instances },
      ratio: ratio(r.cpuPercentPer100Instances, ref.cpuPercentPer100Instances),
      note: `${r.cpuPercentOfOneCore} % of a core in all`,
    },
    {
      metric: `${r.instances} instances: sampling lag p99 (histogram bucket bound)`,
      value: r.samplerLagP99Ms,
      unit: "ms",
      reference: { name: "interval", value: intervalMs },
      ratio: ratio(r.samplerLagP99Ms, intervalMs, 3),
      target: "< interval, no skipped sample",
      met: r.samplerLagP99Ms !== null && r.samplerLagP99Ms < intervalMs && r.skippedNodeSamples === 0,
      note: `${r.samplerLagP99BeyondBuckets ? "p99 beyond the histogram's largest bucket (10 s); " : ""}${r.skippedNodeSamples} skipped node samples, ${r.samplerTicks} ticks; event-loop delay p99 ${r.eventLoopDelayMs.p99} ms; fleet() p99 ${r.fleetCallMs.p99} ms`,
    },
    {
      metric: `${r.instances} instances: RSS max`,
      value: r.rssMb.max,
      unit: "MiB",
      reference: { name: `${ref.instances} instances`, value: ref.rssMb.max },
      ratio: ratio(r.rssMb.max, ref.rssMb.max),
      note: `heap used max ${r.heapUsedMb.max} MiB`,
    },
  ]);
  return { params: { sizes, servers, seconds, intervalMs }, summary, details: { runs } };
});
