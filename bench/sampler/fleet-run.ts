// One sampler run (a child process of bench/sampler.ts, so every size starts from a fresh process):
// `instances` registered instances sharing `servers` real redis-servers (2 connections per
// registration each), sampled every `interval-ms`, while the fleet list is read every second.
// Reports CPU (process.cpuUsage), sampler tick lag p99 and skipped ticks, event-loop delay, RSS
// and heap, the fleet call's latency, and the ring buffers' memory.
//   node --conditions=react-server --import tsx bench/sampler/fleet-run.ts --instances 100 [--servers 10] [--seconds 30] [--interval-ms 1000] [--json]
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { benchMain, progress } from "../lib/bench-main";
import { round as roundTo, summarize } from "../lib/stats";

const round = (v: number, d = 1) => roundTo(v, d)!;

benchMain("sampler-run", async (args) => {
  const INSTANCES = args.number("instances", 100);
  const SERVERS = Math.min(args.number("servers", 10), INSTANCES);
  const SECONDS = args.number("seconds", 30);
  const INTERVAL_MS = args.number("interval-ms", 1_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "redline-bench-"));
  // Before the app modules load: they read the environment once.
  // A random admin password: the first start would otherwise generate one and log it.
  Object.assign(process.env, { REDLINE_DATA_DIR: dataDir, REDLINE_LOG_LEVEL: "warn", REDLINE_SAMPLER: "off", REDLINE_ADMIN_PASSWORD: randomBytes(18).toString("base64url") });
  const lab = await import("@/lib/lab");
  const { getStore } = await import("@/lib/store/get-store");
  const { getConnectionManager } = await import("@/lib/redis/connection-manager");
  const { Sampler } = await import("@/lib/metrics/sampler");
  const { setSampler } = await import("@/lib/metrics/sampler-registry");
  const { selfMetrics } = await import("@/lib/metrics/prometheus-registry");
  const service = await import("@/lib/instances/instance-service");

  progress(`sampler: ${INSTANCES} instances on ${SERVERS} redis-servers, ${INTERVAL_MS} ms interval, ${SECONDS} s…`);
  const { db, key } = await getStore();
  const sampler = new Sampler({ db, key, manager: getConnectionManager(), intervalMs: INTERVAL_MS });
  try {
    const servers = await Promise.all(Array.from({ length: SERVERS }, () => lab.startStandalone()));
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
    await lab.sleep(INTERVAL_MS * 3);

    selfMetrics().tickLag.reset();
    selfMetrics().skippedTicks.reset();
    // Each reading is the timer's period plus the delay; the period is subtracted below.
    const RESOLUTION_MS = 1;
    const loop = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
    loop.enable();
    const heap0 = process.memoryUsage().heapUsed;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const rss: number[] = [];
    const heap: number[] = [];
    const fleetMs: number[] = [];
    const deadline = Date.now() + SECONDS * 1000;
    while (Date.now() < deadline) {
      const s = performance.now();
      const entries = await service.fleet();
      fleetMs.push(performance.now() - s);
      if (entries.length !== INSTANCES) throw new Error(`fleet returned ${entries.length}`);
      const mem = process.memoryUsage();
      rss.push(mem.rss);
      heap.push(mem.heapUsed);
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
      cpuPercentPer100Instances: round(((cpu.user + cpu.system) / 1000 / wallMs) * 100 * (100 / INSTANCES), 2),
      rssMb: { start: round(rss[0]! / 2 ** 20), max: round(rss.reduce((a, b) => Math.max(a, b)) / 2 ** 20) },
      heapUsedMb: { afterWarmup: round(heap0 / 2 ** 20), max: round(heap.reduce((a, b) => Math.max(a, b)) / 2 ** 20) },
      samplerTicks: count,
      // The histogram's bucket bound at or above the p99; past its largest bucket (10 s) only "more".
      samplerLagP99Ms: p99Bucket === undefined || !Number.isFinite(Number(p99Bucket)) ? null : Number(p99Bucket) * 1000,
      samplerLagP99BeyondBuckets: p99Bucket !== undefined && !Number.isFinite(Number(p99Bucket)),
      skippedNodeSamples: skipped,
      fleetCallMs: summarize(fleetMs),
      rollupFlushMs: flushMs.map((ms) => round(ms)),
      fleetHealthFromSampler: sources.filter((s) => s === "sampler").length,
      ringBuffers: { nodes: nodes.length, columnsPerNode: round(nodes.reduce((a, n) => a + n.ring.keys().length, 0) / nodes.length), totalMb: round(ringBytes / 2 ** 20, 2), bytesPerSample: round(ringBytes / nodes.length / nodes[0]!.ring.capacity) },
      connectedClientsPerServer: Number(/connected_clients:(\d+)/.exec(String(await connections))?.[1]),
    };

    return { params: { instances: INSTANCES, servers: SERVERS, seconds: SECONDS, intervalMs: INTERVAL_MS }, summary: [], details: result };
  } finally {
    await sampler.stop();
    getConnectionManager().closeAll();
    await db.destroy();
    await lab.stopAll();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
