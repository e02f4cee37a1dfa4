// Load and soak run (not a test; `npm run soak`): a production Redline (`next start`, its own data
// dir, the sampler on) with 100 registered instances sharing a few real redis-servers, and 100
// concurrent API clients for the run's length. Prints throughput, errors, latency percentiles, the
// server's resident memory and its V8 heap over time; exits 1 on any error, or (with --max-growth,
// implied for 10 minutes or more) when resident memory or the heap's floor (what survives GC) grew
// more than that percentage between the first and the last minute. Measured from after a warm-up:
// the first minutes grow the heap to its working size (its peak between collections), which is not
// a leak; the default warm-up is 2 minutes for a soak.
//   npm run soak                      # 1 minute
//   npm run soak -- --minutes 10      # the 10-minute soak (asserts memory growth ≤ 10 %)
// Needs a production build (`npx next build`).
import { parseArgs } from "node:util";
import { startStandalone, stopAll } from "@/lib/lab";
import { startRedlineServer } from "@/lib/testing/redline-server";
import { registerFleet, rssBytes, runLoad } from "@/lib/testing/load-driver";

const { values } = parseArgs({
  options: {
    minutes: { type: "string", default: "1" },
    clients: { type: "string", default: "100" },
    instances: { type: "string", default: "100" },
    servers: { type: "string", default: "4" },
    "warmup-seconds": { type: "string" },
    "max-growth": { type: "string" },
  },
});
const minutes = Number(values.minutes);
const clients = Number(values.clients);
const instances = Number(values.instances);
const maxGrowth = values["max-growth"] !== undefined ? Number(values["max-growth"]) : minutes >= 10 ? 10 : undefined;
const warmupSeconds = Number(values["warmup-seconds"] ?? (minutes >= 10 ? 120 : 20));
const MB = 1024 * 1024;

async function main(): Promise<number> {
  console.log(`soak: ${instances} instances on ${values.servers} redis-servers, ${clients} clients, ${minutes} min after a ${warmupSeconds} s warm-up`);
  const labs = await Promise.all(Array.from({ length: Number(values.servers) }, () => startStandalone()));
  const server = await startRedlineServer({ env: { REDLINE_SAMPLER: "on" } });
  try {
    const fleet = await registerFleet(server, labs.map((l) => l.node), instances);
    // Warm-up: JIT, caches, the sampler's rings filling; memory is measured from after it.
    await runLoad(server, fleet, { clients, durationMs: warmupSeconds * 1000 });
    const samples: Array<{ t: number; rss: number; heap: number }> = [];
    const t0 = Date.now();
    // The V8 heap in use, from Redline's own Prometheus exposition: tells a leak (the live heap grows)
    // from the allocator keeping pages (resident memory grows, the heap does not).
    const heapUsed = async () => {
      const text = await server.fetch("/api/metrics").then((r) => r.text(), () => "");
      return Number(/^redline_nodejs_heap_size_used_bytes (\S+)/m.exec(text)?.[1] ?? Number.NaN);
    };
    const sample = async () => {
      const [rss, heap] = await Promise.all([rssBytes(server.pid()), heapUsed()]);
      samples.push({ t: (Date.now() - t0) / 1000, rss, heap });
    };
    const timer = setInterval(() => void sample(), 5_000);
    await sample();
    const report = await runLoad(server, fleet, { clients, durationMs: minutes * 60_000 });
    clearInterval(timer);
    await sample();
    // First and last minute (or fifth of the run, if shorter), averaged: one GC cycle is noise.
    const span = Math.min(60, (minutes * 60) / 5);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    const first = mean(samples.filter((s) => s.t <= span).map((s) => s.rss));
    const last = mean(samples.filter((s) => s.t >= minutes * 60 - span).map((s) => s.rss));
    const growth = ((last - first) / first) * 100;
    // The heap's floor (its lowest sample) per window: what survives garbage collection.
    const floor = (xs: number[]) => Math.min(...xs.filter(Number.isFinite));
    const heapFirst = floor(samples.filter((s) => s.t <= span).map((s) => s.heap));
    const heapLast = floor(samples.filter((s) => s.t >= minutes * 60 - span).map((s) => s.heap));
    console.log(
      JSON.stringify(
        {
          ...report,
          rssFirstMB: Math.round(first / MB),
          rssLastMB: Math.round(last / MB),
          rssGrowthPct: Math.round(growth * 10) / 10,
          heapFloorFirstMB: Math.round(heapFirst / MB),
          heapFloorLastMB: Math.round(heapLast / MB),
          heapFloorGrowthPct: Math.round(((heapLast - heapFirst) / heapFirst) * 1000) / 10,
          samples: samples.map((s) => `${Math.round(s.t)}s ${Math.round(s.rss / MB)}/${Math.round(s.heap / MB)} MB`).join(", "),
        },
        null,
        2,
      ),
    );
    let failed = false;
    if (report.errors > 0) {
      console.error(`FAIL: ${report.errors} errors, e.g.\n${report.errorSamples.join("\n")}`);
      failed = true;
    }
    const heapGrowth = ((heapLast - heapFirst) / heapFirst) * 100;
    if (maxGrowth !== undefined && growth > maxGrowth) {
      console.error(`FAIL: resident memory grew ${growth.toFixed(1)} % (limit ${maxGrowth} %)`);
      failed = true;
    }
    if (maxGrowth !== undefined && heapGrowth > maxGrowth) {
      console.error(`FAIL: the heap's floor grew ${heapGrowth.toFixed(1)} % (limit ${maxGrowth} %)`);
      failed = true;
    }
    console.log(failed ? "soak: FAILED" : "soak: ok");
    return failed ? 1 : 0;
  } finally {
    await server.stop();
    await stopAll();
  }
}

main().then(
  (code) => process.exit(code),
  async (err) => {
    console.error(err);
    await stopAll();
    process.exit(1);
  },
);
