// A Redis client load in its own process, so the tool under test shows only through Redis and the
// host, never through a shared event loop. Two shapes:
//   steady  — open loop: one GET or SET every millisecond; the latency each sees is the figure.
//   zipf    — closed loop: `concurrency` GETs always in flight on keys hot:<rank>, rank drawn from a
//             Zipf law (exponent `s`) over `keys` keys: hot:0 is the hottest. Throughput is the figure.
// The load runs from start to exit; stdin lines "start" / "stop" open and close a measured window
// ("stop" answers one JSON line), "exit" ends it.
//   node --import tsx bench/lib/load-worker.ts '{"port":6379,"mode":"steady"}'
import readline from "node:readline";
import { Redis } from "ioredis";
import { summarize } from "./stats";

export interface LoadOptions {
  host?: string;
  port: number;
  mode: "steady" | "zipf";
  /** zipf: keys in the law, exponent, requests in flight. */
  keys?: number;
  s?: number;
  concurrency?: number;
}

export interface WindowReport {
  ms: number;
  ops: number;
  opsPerSec: number;
  errors: number;
  latencyMs: ReturnType<typeof summarize>;
}

const opts = JSON.parse(process.argv[2] ?? "{}") as LoadOptions;
const redis = new Redis({ host: opts.host ?? "127.0.0.1", port: opts.port, protocol: 2, maxRetriesPerRequest: 1 });

let measuring = false;
let windowStart = 0;
let ops = 0;
let errors = 0;
let samples: number[] = [];

function done(t0: number, ok: boolean): void {
  if (!measuring) return;
  ops++;
  if (!ok) errors++;
  samples.push(Number(process.hrtime.bigint() - BigInt(t0)) / 1e6);
}

function now(): number {
  return Number(process.hrtime.bigint());
}

function steady(): void {
  let i = 0;
  setInterval(() => {
    const t0 = now();
    const key = `bench:load:${i % 100}`;
    const op = i++ % 2 ? redis.get(key) : redis.set(key, "v");
    op.then(
      () => done(t0, true),
      () => done(t0, false),
    );
  }, 1);
}

/** Inverse-CDF sampling over precomputed cumulative weights: O(log keys) per draw. */
function zipfSampler(keys: number, s: number): () => number {
  const cdf = new Float64Array(keys);
  let sum = 0;
  for (let r = 0; r < keys; r++) cdf[r] = sum += 1 / (r + 1) ** s;
  return () => {
    const u = Math.random() * sum;
    let lo = 0;
    let hi = keys - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

function zipf(): void {
  const draw = zipfSampler(opts.keys ?? 10_000, opts.s ?? 1.1);
  const lane = (): void => {
    const t0 = now();
    redis.get(`hot:${draw()}`).then(
      () => {
        done(t0, true);
        lane();
      },
      () => {
        done(t0, false);
        setTimeout(lane, 10);
      },
    );
  };
  for (let c = 0; c < (opts.concurrency ?? 16); c++) lane();
}

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  if (line === "start") {
    measuring = true;
    windowStart = performance.now();
    ops = errors = 0;
    samples = [];
  } else if (line === "stop") {
    measuring = false;
    const ms = performance.now() - windowStart;
    const report: WindowReport = { ms: Math.round(ms), ops, opsPerSec: Math.round((ops / ms) * 1000), errors, latencyMs: summarize(samples) };
    process.stdout.write(JSON.stringify(report) + "\n");
  } else if (line === "exit") {
    redis.disconnect();
    process.exit(0);
  }
});

redis.ping().then(
  () => {
    process.stdout.write("ready\n");
    if (opts.mode === "zipf") zipf();
    else steady();
  },
  (err: unknown) => {
    process.stderr.write(`load worker: ${String(err)}\n`);
    process.exit(1);
  },
);
