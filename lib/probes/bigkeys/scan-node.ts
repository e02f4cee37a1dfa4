// One node's keyspace, gently: SCAN on the probe connection, each batch of keys measured by
// measure-batch while the next SCAN is already out (at most two batches in flight), COUNT and pauses
// from the pacer fed by PINGs on the reserved connection. The cursor reported is always one whose
// keys are all counted, so a stopped scan resumes without a gap.
import "server-only";
import type { CommandRunner } from "@/lib/redis/command-runner";
import type { TopologyNode } from "@/lib/redis/topology";
import type { ProbeContext } from "../context";
import { toProbeError } from "../context";
import { sleep } from "../probe-support";
import type { CommandRecord, ProbeError } from "../types";
import type { BigkeyCollector } from "./collector";
import type { CommandTally } from "./command-tally";
import { parseKeysizes, type KeysizesHistogram } from "./keysizes";
import { asNumber, measureBatch } from "./measure-batch";
import { Pacer, quantile } from "./pacer";
import { measureBaseline, PingMonitor } from "./ping-monitor";

const PROGRESS_EVERY_MS = 250;
/** PING samples kept for the percentile (10 ms apart: over 16 minutes). */
const MAX_PING_SAMPLES = 100_000;

export type StopReason = "budget" | "maxKeys" | "cancelled" | "error";

/** What the node loops share: one collector, one key budget, one deadline. */
export interface ScanShared {
  ctx: ProbeContext;
  collector: BigkeyCollector;
  tally: CommandTally;
  /** Epoch ms at which every node stops issuing batches. */
  deadline: number;
  maxKeys: number;
  counted: { keys: number };
  typeFilter?: string;
  latencyBudgetMs: number;
  /** Cluster replicas answer keyed commands only after READONLY. */
  clusterReplica: (node: TopologyNode) => boolean;
}

export interface NodeScan {
  node: string;
  /** Where a resumed scan continues; "0" with done = true once the whole keyspace was seen. */
  cursor: string;
  done: boolean;
  scanned: number;
  durationMs: number;
  keysPerSec: number;
  pausedMs: number;
  /** PING before the scan (the pacer's quantile of its samples). */
  baselinePingMs: number | null;
  /** PING on the reserved connection while the scan ran: worst and 99th percentile. */
  maxPingMs: number | null;
  p99PingMs: number | null;
  backoffs: number;
  /** DBSIZE before the scan: the progress bar's 100 %. */
  dbsize: number | null;
  keysizes: KeysizesHistogram[];
  stoppedBy?: StopReason;
  error?: ProbeError;
}

interface Batch {
  job: Promise<{ ok: true; keys: number; ms: number } | { ok: false; err: unknown }>;
  cursorAfter: string;
}

export async function scanNode(shared: ScanShared, node: TopologyNode, startCursor: string): Promise<NodeScan> {
  const { ctx, tally } = shared;
  const started = performance.now();
  const result: NodeScan = {
    node: node.address,
    cursor: startCursor,
    done: false,
    scanned: 0,
    durationMs: 0,
    keysPerSec: 0,
    pausedMs: 0,
    baselinePingMs: null,
    maxPingMs: null,
    p99PingMs: null,
    backoffs: 0,
    dbsize: null,
    keysizes: [],
  };
  /** A runner whose records are folded into the tally once the operation is over. */
  const withRunner = async <T>(fn: (r: CommandRunner) => Promise<T>): Promise<T> => {
    const log: CommandRecord[] = [];
    try {
      return await fn(ctx.runner(node, { log }));
    } finally {
      tally.add(log);
    }
  };

  let monitor: PingMonitor | undefined;
  let pacer: Pacer | undefined;
  const pings: number[] = [];
  try {
    await withRunner(async (r) => {
      if (shared.clusterReplica(node)) await r.call(["READONLY"]);
      // INFO keysizes (Redis 8+) first: the size histogram at once; older servers return nothing.
      // Both are extras: INFO or DBSIZE renamed away must not stop the scan.
      const replies = await r.pipeline([["DBSIZE"], ["INFO", "keysizes"]]).catch(() => []);
      result.dbsize = asNumber(replies[0]?.[1]);
      result.keysizes = parseKeysizes(replies[1]?.[1]);
    });
    const reservedLog: CommandRecord[] = [];
    const reserved = ctx.reserved(node, { log: reservedLog });
    const flushReserved = () => tally.add(reservedLog.splice(0));
    const baseline = await measureBaseline(reserved).finally(flushReserved);
    const p = (pacer = new Pacer(baseline, { latencyBudgetMs: shared.latencyBudgetMs }));
    result.baselinePingMs = round(p.snapshot().baselineMs);
    monitor = new PingMonitor(
      reserved,
      ctx.signal,
      (ms) => {
        p.observePing(ms);
        if (pings.length < MAX_PING_SAMPLES) pings.push(ms);
      },
      10,
      flushReserved,
    );
    monitor.start();
    await runBatches(shared, node, result, p, monitor, withRunner, started);
  } catch (err) {
    stoppedByFailure(ctx, result, err);
  } finally {
    await monitor?.stop();
    const stats = pacer?.snapshot();
    if (stats) {
      result.maxPingMs = stats.pings ? round(stats.maxPingMs) : null;
      result.p99PingMs = pings.length ? round(quantile(pings, 0.99)) : null;
      result.backoffs = stats.backoffs;
    }
    result.durationMs = Math.round(performance.now() - started);
    result.keysPerSec = result.durationMs > 0 ? Math.round((result.scanned / result.durationMs) * 1000) : 0;
    report(ctx, result, started);
  }
  return result;
}

async function runBatches(
  shared: ScanShared,
  node: TopologyNode,
  result: NodeScan,
  pacer: Pacer,
  monitor: PingMonitor,
  withRunner: <T>(fn: (r: CommandRunner) => Promise<T>) => Promise<T>,
  started: number,
): Promise<void> {
  const { ctx } = shared;
  const pending: Batch[] = [];
  let cursor = result.cursor;
  let lastReport = 0;
  let failure: unknown;

  /** Settles the oldest batch: its cursor becomes the safe resume point only if it fully succeeded. */
  const settleOldest = async () => {
    const batch = pending.shift()!;
    const outcome = await batch.job;
    if (!outcome.ok) {
      failure ??= outcome.err;
      return;
    }
    if (failure === undefined) result.cursor = batch.cursorAfter;
    pacer.observeBatch(outcome.keys, outcome.ms);
  };

  for (;;) {
    const stop = stopReason(shared);
    if (stop) {
      result.stoppedBy = stop;
      break;
    }
    pacer.observePending(monitor.pendingMs());
    const decision = pacer.next();
    const scanArgs = ["SCAN", cursor, "COUNT", String(decision.count), ...(shared.typeFilter ? ["TYPE", shared.typeFilter] : [])];
    let keys: Buffer[];
    try {
      const reply = (await withRunner((r) => r.call(scanArgs, { buffers: true }))) as [Buffer, Buffer[]];
      cursor = reply[0].toString();
      keys = reply[1];
    } catch (err) {
      failure = err;
      break;
    }
    result.scanned += keys.length;
    shared.counted.keys += keys.length;
    const t0 = performance.now();
    const job = withRunner((r) => measureBatch(r, shared.collector, node.address, keys, shared.typeFilter)).then(
      () => ({ ok: true as const, keys: keys.length, ms: performance.now() - t0 }),
      (err: unknown) => ({ ok: false as const, err }),
    );
    pending.push({ job, cursorAfter: cursor });
    while (pending.length >= decision.depth) await settleOldest();
    if (failure !== undefined) break;
    if (performance.now() - lastReport >= PROGRESS_EVERY_MS) {
      lastReport = performance.now();
      report(ctx, result, started);
    }
    if (cursor === "0") break;
    if (decision.pauseMs > 0) {
      const p0 = performance.now();
      await sleep(decision.pauseMs, ctx.signal);
      result.pausedMs += Math.round(performance.now() - p0);
    }
  }
  while (pending.length) await settleOldest();
  if (failure !== undefined) {
    stoppedByFailure(ctx, result, failure);
    return;
  }
  result.done = cursor === "0" && result.cursor === "0" && !result.stoppedBy;
}

/** A command failed; after a cancel that is the cancel, not an error of the node. */
function stoppedByFailure(ctx: ProbeContext, result: NodeScan, err: unknown): void {
  if (ctx.signal.aborted) {
    result.stoppedBy = "cancelled";
    return;
  }
  result.error = toProbeError(err);
  result.stoppedBy = "error";
}

function stopReason(shared: ScanShared): StopReason | undefined {
  if (shared.ctx.signal.aborted) return "cancelled";
  if (Date.now() >= shared.deadline) return "budget";
  if (shared.counted.keys >= shared.maxKeys) return "maxKeys";
  return undefined;
}

function report(ctx: ProbeContext, r: NodeScan, started: number): void {
  if (!ctx.onProgress) return;
  const seconds = (performance.now() - started) / 1000;
  ctx.onProgress({
    node: r.node,
    scanned: r.scanned,
    ...(r.dbsize !== null ? { estimatedTotal: r.dbsize } : {}),
    cursor: r.cursor,
    ratePerSec: seconds > 0 ? Math.round(r.scanned / seconds) : 0,
    pausedMs: r.pausedMs,
  });
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
