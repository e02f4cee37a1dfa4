// Benchmark: Redline's bigkeys scan against `redis-cli --bigkeys` and `redis-cli --memkeys` on the
// same lab server, and what each does to a concurrent client: GET latency p50/p99 from a separate
// process, during each tool and in an idle window just before it (the host may be shared).
//
//   node --conditions=react-server --import tsx bench/bigkeys.ts --keys 1000000 [--json] [--skip-unpaced] [--experiments]
//
// --experiments adds two rows that are not Redline's scan, to show where its time goes: the same
// SCAN + TYPE + MEMORY USAGE pipelines on a bare ioredis client (no pacing, no policy, no records),
// and the same work batched server-side in a read-only script (EVAL_RO, which Redline's policy
// does not allow today): the difference is ioredis's cost per reply.
import { spawn, execFile, type ChildProcessWithoutNullStreams } from "node:child_process";
import os from "node:os";
import { promisify } from "node:util";
import { createLabClient, startStandalone, type RedisProcess } from "@/lib/lab";
import type { BigkeysData } from "@/lib/probes/bigkeys";
import { getProbe } from "@/lib/probes/registry";
import { runProbe } from "@/lib/probes/run-probe";
import type { ProbeResult } from "@/lib/probes/types";
import { getConnectionManager } from "@/lib/redis/connection-manager";
import { labConfig } from "@/lib/testing/instance-config";

const execFileAsync = promisify(execFile);
const IDLE_MS = 3_000;

interface Latency {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

interface Run {
  tool: string;
  wallMs: number;
  keysPerSec: number;
  idle: Latency;
  during: Latency;
  p99RiseMs: number;
  note?: string;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/**
 * The concurrent client, in its own process so the scanner's CPU use shows only through Redis and the
 * host: one GET every millisecond (open loop), latencies kept per phase, reported on demand.
 */
const CLIENT = `
const { Redis } = require("ioredis");
const r = new Redis({ port: Number(process.argv[1]), protocol: 2 });
let phase = null; let samples = [];
const q = (xs, p) => xs.length ? xs[Math.min(xs.length - 1, Math.ceil(p * xs.length) - 1)] : null;
function tick() {
  if (phase !== null) { const t0 = process.hrtime.bigint(); r.get("key:1").then(() => { samples.push(Number(process.hrtime.bigint() - t0) / 1e6); }); }
  setTimeout(tick, 1);
}
require("readline").createInterface({ input: process.stdin }).on("line", (line) => {
  if (line === "start") { samples = []; phase = 1; return; }
  if (line === "stop") {
    phase = null; const xs = samples.sort((a, b) => a - b);
    process.stdout.write(JSON.stringify({ n: xs.length, p50: q(xs, 0.5), p99: q(xs, 0.99), max: xs[xs.length - 1] ?? null }) + "\\n");
    return;
  }
  if (line === "exit") { r.disconnect(); process.exit(0); }
});
r.ping().then(() => { process.stdout.write("ready\\n"); tick(); });
`;

class LatencyClient {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly lines: string[] = [];
  private waiting: ((line: string) => void) | undefined;

  constructor(port: number) {
    this.child = spawn(process.execPath, ["-e", CLIENT, String(port)], { cwd: process.cwd() });
    let buf = "";
    this.child.stdout.on("data", (d: Buffer) => {
      buf += d.toString();
      let i: number;
      while ((i = buf.indexOf("\n")) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        if (this.waiting) {
          const w = this.waiting;
          this.waiting = undefined;
          w(line);
        } else this.lines.push(line);
      }
    });
  }

  private next(): Promise<string> {
    const line = this.lines.shift();
    return line !== undefined ? Promise.resolve(line) : new Promise((resolve) => (this.waiting = resolve));
  }

  async ready(): Promise<void> {
    await this.next();
  }

  start(): void {
    this.child.stdin.write("start\n");
  }

  async stop(): Promise<Latency> {
    this.child.stdin.write("stop\n");
    return JSON.parse(await this.next()) as Latency;
  }

  close(): void {
    this.child.stdin.write("exit\n");
  }
}

const round = (v: number | null, d = 3) => (v === null ? NaN : Math.round(v * 10 ** d) / 10 ** d);

async function measure(client: LatencyClient, tool: string, keys: number, fn: () => Promise<string | void>): Promise<Run> {
  client.start();
  await new Promise((r) => setTimeout(r, IDLE_MS));
  const idle = await client.stop();
  client.start();
  const t0 = performance.now();
  const note = await fn();
  const wallMs = Math.round(performance.now() - t0);
  const during = await client.stop();
  return {
    tool,
    wallMs,
    keysPerSec: Math.round((keys / wallMs) * 1000),
    idle: { ...idle, p50: round(idle.p50), p99: round(idle.p99), max: round(idle.max) },
    during: { ...during, p50: round(during.p50), p99: round(during.p99), max: round(during.max) },
    p99RiseMs: round(during.p99 - idle.p99),
    ...(note ? { note } : {}),
  };
}

async function redisCli(node: RedisProcess, flag: string): Promise<void> {
  await execFileAsync(process.env.REDLINE_REDIS_CLI ?? "redis-cli", ["-h", node.host, "-p", String(node.port), flag], { maxBuffer: 64 * 1024 * 1024, timeout: 600_000 });
}

async function redline(node: RedisProcess, params: Record<string, unknown>): Promise<string> {
  const probe = getProbe("bigkeys")!;
  const r = (await runProbe(probe, labConfig(node), probe.params.parse({ budgetMs: 600_000, maxKeys: 50_000_000, ...params }))) as ProbeResult<BigkeysData>;
  if (r.error) throw new Error(`bigkeys failed: ${r.error.message}`);
  const s = r.data.summary;
  const backoffs = r.data.nodes.reduce((n, x) => n + x.backoffs, 0);
  return `scanned ${s.scanned}, paused ${s.pausedMs} ms, ${backoffs} backoffs, PING baseline ${s.baselinePingMs} ms, p99 ${s.p99PingMs} ms; top key ${r.data.rows[0]?.key}`;
}

/** Experiment: Redline's pipelines without Redline (bare ioredis, same connection options that matter). */
async function bareIoredis(node: RedisProcess): Promise<string> {
  const c = createLabClient(node, { commandTimeoutMs: 5_000 });
  try {
    let cursor = "0";
    const inflight: Array<Promise<unknown>> = [];
    do {
      const [next, keys] = (await c.callBuffer("SCAN", cursor, "COUNT", "500")) as [Buffer, Buffer[]];
      cursor = next.toString();
      const pipe = c.pipeline();
      for (const k of keys) pipe.call("TYPE", k.toString("latin1")).call("MEMORY", "USAGE", k.toString("latin1"), "SAMPLES", "5");
      inflight.push(pipe.exec());
      while (inflight.length >= 2) await inflight.shift();
    } while (cursor !== "0");
    await Promise.all(inflight);
    return "SCAN COUNT 500, one TYPE + MEMORY USAGE pipeline per batch, two in flight, unpaced";
  } finally {
    c.disconnect();
  }
}

const BATCH_SCRIPT = `#!lua flags=no-writes,allow-cross-slot-keys
local out = {}
for _, k in ipairs(ARGV) do
  out[#out + 1] = redis.call('TYPE', k)['ok']
  out[#out + 1] = redis.call('MEMORY', 'USAGE', k, 'SAMPLES', '5') or -1
end
return out`;

/** Experiment: the same per-key work in one read-only script call per batch: one reply per 200 keys. */
async function evalRoBatches(node: RedisProcess): Promise<string> {
  const c = createLabClient(node, { commandTimeoutMs: 5_000 });
  try {
    let cursor = "0";
    const inflight: Array<Promise<unknown>> = [];
    do {
      const [next, keys] = (await c.callBuffer("SCAN", cursor, "COUNT", "200")) as [Buffer, Buffer[]];
      cursor = next.toString();
      inflight.push(c.call("EVAL_RO", BATCH_SCRIPT, "0", ...keys));
      while (inflight.length >= 2) await inflight.shift();
    } while (cursor !== "0");
    await Promise.all(inflight);
    return "SCAN COUNT 200, one EVAL_RO (TYPE + MEMORY USAGE per key) per batch, two in flight, unpaced";
  } finally {
    c.disconnect();
  }
}

async function main(): Promise<void> {
  const keys = Number(arg("keys") ?? 1_000_000);
  const json = process.argv.includes("--json");
  const load0 = os.loadavg()[0]!;
  const { node, stop } = await startStandalone({ args: ["--enable-debug-command", "local"] });
  const client = new LatencyClient(node.port);
  try {
    const setup = createLabClient(node, { commandTimeoutMs: 120_000 });
    await setup.call("DEBUG", "POPULATE", String(keys), "key", "10");
    await setup.call("EVAL", "for i = 1, 200000, 1000 do local b = {} for j = i, i + 999 do b[#b + 1] = 'f' .. j; b[#b + 1] = 'v' end redis.call('HSET', KEYS[1], unpack(b)) end return 1", "1", "big:hash");
    setup.disconnect();
    await client.ready();
    const total = keys + 1;
    const runs: Run[] = [];
    runs.push(await measure(client, "redline bigkeys (default pacing, 1 ms budget)", total, () => redline(node, {})));
    if (!process.argv.includes("--skip-unpaced")) {
      runs.push(await measure(client, "redline bigkeys (latencyBudgetMs 100: pacing off)", total, () => redline(node, { latencyBudgetMs: 100 })));
    }
    runs.push(await measure(client, "redis-cli --bigkeys", total, () => redisCli(node, "--bigkeys")));
    runs.push(await measure(client, "redis-cli --memkeys", total, () => redisCli(node, "--memkeys")));
    if (process.argv.includes("--experiments")) {
      runs.push(await measure(client, "experiment: bare ioredis pipelines", total, () => bareIoredis(node)));
      runs.push(await measure(client, "experiment: EVAL_RO batches (not shipped)", total, () => evalRoBatches(node)));
    }
    const bigkeys = runs.find((r) => r.tool === "redis-cli --bigkeys")!;
    const result = {
      keys: total,
      host: { cpus: os.cpus().length, loadavgBefore: round(load0, 2), loadavgAfter: round(os.loadavg()[0]!, 2), redis: String(await execFileAsync("redis-server", ["--version"]).then((r) => r.stdout.trim())) },
      runs: runs.map((r) => ({ ...r, speedVsBigkeys: round(bigkeys.wallMs / r.wallMs, 2) })),
    };
    if (json) console.log(JSON.stringify(result));
    else {
      console.log(`${total} keys, ${result.host.cpus} CPUs, load ${result.host.loadavgBefore} → ${result.host.loadavgAfter}`);
      console.table(
        result.runs.map((r) => ({
          tool: r.tool,
          "wall s": r.wallMs / 1000,
          "keys/s": r.keysPerSec,
          "× bigkeys": r.speedVsBigkeys,
          "idle p50/p99 ms": `${r.idle.p50} / ${r.idle.p99}`,
          "during p50/p99 ms": `${r.during.p50} / ${r.during.p99}`,
          "p99 rise ms": r.p99RiseMs,
        })),
      );
      for (const r of result.runs) if (r.note) console.log(`${r.tool}: ${r.note}`);
    }
  } finally {
    client.close();
    getConnectionManager().closeAll();
    await stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
