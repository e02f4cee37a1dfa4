// Writes that eat disk: random (incompressible) values, so the AOF and every RDB snapshot grow by
// what is written. First a dataset, then a steady stream until the server refuses a write.
import "server-only";
import { randomBytes } from "node:crypto";
import { labCommand, type LabEndpoint } from "../../lab-client";
import { waitUntil } from "../../wait-until";
import type { LoadGroup } from "./load-group";

const POOL = 32;
const BATCH = 200;
const TICK_MS = 100;

function valuePool(valueBytes: number): string[] {
  return Array.from({ length: POOL }, () => randomBytes(Math.ceil(valueBytes * 0.75) + 3).toString("base64").slice(0, valueBytes));
}

export function blobKey(n: number): string {
  return `blob:${n}`;
}

/** Writes `bytes` worth of blob:<n> keys as fast as pipelining allows (a setup step, not load). */
export async function loadRandomDataset(load: LoadGroup, opts: { bytes: number; valueBytes: number }): Promise<{ keys: number }> {
  const client = load.client();
  const pool = valuePool(opts.valueBytes);
  const keys = Math.ceil(opts.bytes / opts.valueBytes);
  for (let first = 0; first < keys; first += BATCH) {
    const pipeline = client.pipeline();
    for (let n = first; n < Math.min(first + BATCH, keys); n++) pipeline.set(blobKey(n), pool[n % POOL]);
    const failed = ((await pipeline.exec()) ?? []).find(([err]) => err);
    if (failed) throw failed[0];
  }
  return { keys };
}

/**
 * BGREWRITEAOF once the dataset is in: the AOF then has a base of the dataset's size, and the
 * automatic rewrite fires again at 100 % growth, which is where the fill makes it fail.
 */
export async function compactAof(endpoint: LabEndpoint): Promise<void> {
  const persistence = async () => String(await labCommand(endpoint, ["INFO", "persistence"]));
  const idle = async () => (/^(aof_rewrite_in_progress|aof_rewrite_scheduled|rdb_bgsave_in_progress):1/m.test(await persistence()) ? "busy" : true);
  await waitUntil(idle, { timeoutMs: 30_000, intervalMs: 100, what: "a running AOF rewrite to end" });
  const rewrites = async () => Number(/^aof_rewrites:(\d+)/m.exec(await persistence())?.[1] ?? 0);
  const before = await rewrites();
  try {
    await labCommand(endpoint, ["BGREWRITEAOF"]);
  } catch (err) {
    // The automatic rewrite can fork between the idle check and our command. It started after the
    // dataset was in, so it is the compaction we wanted: wait for it to end instead.
    if (!/already in progress/i.test((err as Error).message)) throw err;
    await waitUntil(idle, { timeoutMs: 30_000, intervalMs: 100, what: "the automatic AOF rewrite to end" });
    return;
  }
  await waitUntil(async () => ((await rewrites()) > before ? idle() : "rewriting"), { timeoutMs: 30_000, intervalMs: 100, what: "BGREWRITEAOF" });
}

export interface Refusal {
  error: string;
  afterMs: number;
  bytesWritten: number;
}

/**
 * Writes new blob keys at writeRateKBps until one is refused; resolves with that error. The writer
 * keeps going afterwards (the application does not know), until load.stop().
 */
export function fillUntilRefused(
  load: LoadGroup,
  opts: { valueBytes: number; writeRateKBps: number; firstKey: number; timeoutMs?: number },
): Promise<Refusal> {
  const client = load.client();
  const pool = valuePool(opts.valueBytes);
  const perTick = Math.max(1, Math.round((opts.writeRateKBps * 1024 * TICK_MS) / 1000 / opts.valueBytes));
  const started = Date.now();
  let next = opts.firstKey;
  let written = 0;
  return new Promise((resolve, reject) => {
    let refused: Refusal | undefined;
    const timer = setTimeout(() => reject(new Error(`no write refused after ${(written / 1_048_576).toFixed(1)} MB`)), opts.timeoutMs ?? 120_000);
    timer.unref(); // a start() abandoned by stop() must not hold the process open
    load.loop(async () => {
      const tick = Date.now();
      const pipeline = client.pipeline();
      for (let i = 0; i < perTick; i++, next++) pipeline.set(blobKey(next), pool[next % POOL]);
      const results = (await pipeline.exec()) ?? [];
      written += results.filter(([err]) => !err).length * opts.valueBytes;
      const failed = results.find(([err]) => err);
      if (failed && !refused) {
        refused = { error: (failed[0] as Error).message, afterMs: Date.now() - started, bytesWritten: written };
        clearTimeout(timer);
        resolve(refused);
      }
      if (failed) throw failed[0];
      await load.sleep(Math.max(0, TICK_MS - (Date.now() - tick)));
    });
  });
}

/**
 * After the first refusal, the state still moves: each failed AOF rewrite deletes its temp file,
 * the freed space lets the pending AOF buffer through ("AOF write error looks solved") and writes
 * are accepted again until the writer fills it. Redis stops retrying rewrites for a minute after 3
 * consecutive failures; settled = no rewrite running and the AOF write failing, for `holdMs`.
 */
export async function waitForSettledDiskError(readPersistence: () => Promise<string>, holdMs = 1_500, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let since: number | undefined;
  let info = "";
  while (Date.now() < deadline) {
    info = await readPersistence();
    const failing = /^aof_last_write_status:err/m.test(info) || /^rdb_last_bgsave_status:err/m.test(info);
    const busy = /^(aof_rewrite|rdb_bgsave)_in_progress:1/m.test(info);
    if (failing && !busy) {
      since ??= Date.now();
      if (Date.now() - since >= holdMs) return info;
    } else since = undefined;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the disk error did not settle within ${timeoutMs} ms:\n${info}`);
}
