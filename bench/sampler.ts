// Benchmark (not a test): the sampler on 100 registered instances at a 2 s interval, sharing 10 real
// redis-servers (10 registrations each, so 2 connections per registration = 20 per server), while
// the fleet list is read every second. Reports event-loop delay p99, CPU, RSS, sampler lag and
// skipped ticks, the fleet call's latency, and the ring buffers' memory.
//   node --conditions=react-server --import tsx bench/sampler.ts
// Env: BENCH_INSTANCES (100), BENCH_SERVERS (10), BENCH_SECONDS (60), BENCH_INTERVAL_MS (2000).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";

const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 100);
const SERVERS = Number(process.env.BENCH_SERVERS ?? 10);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const INTERVAL_MS = Number(process.env.BENCH_INTERVAL_MS ?? 2_000);

function pct(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : Number.NaN;
}

const round = (v: number, d = 1) => Math.round(v * 10 ** d) / 10 ** d;

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "redline-bench-"));
  // Before the app modules load: they read the environment once.
  Object.assign(process.env, { REDLINE_DATA_DIR: dataDir, REDLINE_LOG_LEVEL: "warn", REDLINE_SAMPLER: "off" });
  const lab = await import("@/lib/lab");
  const { getStore } = await import("@/lib/store/get-store");
  const { getConnectionManager } = await import("@/lib/redis/connection-manager");
  const { Sampler } = await import("@/lib/metrics/sampler");
  const { setSampler } = await import("@/lib/metrics/sampler-registry");
  const { selfMetrics } = await import("@/lib/metrics/prometheus-registry");
  const service = await import("@/lib/instances/instance-service");

  console.log(`starting ${SERVERS} redis-servers…`);
  const servers = await Promise.all(Array.from({ length: SERVERS }, () => lab.startStandalone()));
  const { db, key } = await getStore();
  const sampler = new Sampler({ db, key, manager: getConnectionManager(), intervalMs: INTERVAL_MS });
  setSampler(sampler);
  await sampler.start();
  // The minute's rollup batch runs on the event loop (better-sqlite3 is synchronous): time it.
  const flushMs: number[] = [];
  const flush = sampler.flush.bind(sampler);
  sampler.flush = async (now?: number) => {
    const t = performance.now();
    const rows = await flush(now);
    if (rows > 0) flushMs.push(performance.now() - t);
    return rows;
  };
  for (let i = 0; i < INSTANCES; i++) {
    const node = servers[i % SERVERS]!.node;
    await service.registerInstance({
      name: `bench-${String(i).padStart(3, "0")}`,
      host: node.host,
      port: node.port,
      db: 0,
      mode: "standalone",
      tls: { enabled: false, skipVerify: false },
      tags: {},
      renamedCommands: {},
      allowRemediation: false,
      ruleOverrides: {},
    });
  }
  await sampler.reload();
  console.log(`${sampler.instances.size} instances registered; warming up ${INTERVAL_MS * 3} ms…`);
  await lab.sleep(INTERVAL_MS * 3);

  selfMetrics().tickLag.reset();
  selfMetrics().skippedTicks.reset();
  // Each reading is the timer's period plus the delay; the period is subtracted below.
  const RESOLUTION_MS = 1;
  const loop = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  loop.enable();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const rss: number[] = [];
  const fleetMs: number[] = [];
  const deadline = Date.now() + SECONDS * 1000;
  while (Date.now() < deadline) {
    const s = performance.now();
    const entries = await service.fleet();
    fleetMs.push(performance.now() - s);
    if (entries.length !== INSTANCES) throw new Error(`fleet returned ${entries.length}`);
    rss.push(process.memoryUsage().rss);
    await lab.sleep(1_000);
  }
  loop.disable();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);

  const lag = (await selfMetrics().tickLag.get()).values;
  const count = lag.find((v) => v.metricName === "redline_sampler_tick_lag_seconds_count")?.value ?? 0;
  const buckets = lag.filter((v) => v.metricName === "redline_sampler_tick_lag_seconds_bucket");
  const p99Bucket = buckets.find((b) => b.value >= 0.99 * count)?.labels.le;
  const skipped = (await selfMetrics().skippedTicks.get()).values.reduce((a, v) => a + v.value, 0);
  const nodes = [...sampler.instances.values()].flatMap((s) => [...s.nodes.values()]);
  const ringBytes = nodes.reduce((a, n) => a + n.ring.bytes, 0);
  const sources = (await service.fleet()).map((e) => e.health.source);
  const connections = lab.labCommand(servers[0]!.node, ["INFO", "clients"]);

  const result = {
    instances: INSTANCES,
    servers: SERVERS,
    intervalMs: INTERVAL_MS,
    seconds: SECONDS,
    node: process.version,
    cpus: os.cpus().length,
    eventLoopDelayMs: {
      p50: round(Math.max(0, loop.percentile(50) / 1e6 - RESOLUTION_MS), 2),
      p99: round(Math.max(0, loop.percentile(99) / 1e6 - RESOLUTION_MS), 2),
      max: round(Math.max(0, loop.max / 1e6 - RESOLUTION_MS), 2),
    },
    cpuPercentOfOneCore: round(((cpu.user + cpu.system) / 1000 / wallMs) * 100),
    rssMb: { start: round(rss[0]! / 2 ** 20), max: round(Math.max(...rss) / 2 ** 20) },
    samplerTicks: count,
    samplerLagP99Ms: p99Bucket === undefined ? null : Number(p99Bucket) * 1000,
    skippedNodeSamples: skipped,
    fleetCallMs: { p50: round(pct(fleetMs, 50)), p99: round(pct(fleetMs, 99)), max: round(Math.max(...fleetMs)) },
    rollupFlushMs: flushMs.map((ms) => round(ms)),
    fleetHealthFromSampler: sources.filter((s) => s === "sampler").length,
    ringBuffers: { nodes: nodes.length, columnsPerNode: round(nodes.reduce((a, n) => a + n.ring.keys().length, 0) / nodes.length), totalMb: round(ringBytes / 2 ** 20, 2), bytesPerSample: round(ringBytes / nodes.length / nodes[0]!.ring.capacity) },
    connectedClientsPerServer: Number(/connected_clients:(\d+)/.exec(String(await connections))?.[1]),
  };
  console.log(JSON.stringify(result, null, 2));

  await sampler.stop();
  getConnectionManager().closeAll();
  await db.destroy();
  await lab.stopAll();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
