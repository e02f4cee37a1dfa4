// An application writing order records straight to one node at a steady rate, the way a client
// with a stale topology keeps writing to the master it knows. It keeps the writes that node
// acknowledged after a point in time (the partition), so they can be looked for after the heal.
import "server-only";
import type { LoadGroup } from "./load-group";

export interface AcceptedWrite {
  key: string;
  value: string;
  at: number;
}

export interface OrderWriterOptions {
  /** Hash tags the keys use ("{t3}"), so every key lands in the node's own slots. */
  tags: string[];
  keyPrefix: string;
  writesPerSec: number;
  /** First order id; both sides of a split brain may hand out the same ids. */
  firstId: number;
  /** Port of the node, written into the value so two versions of one order can be told apart. */
  nodePort: number;
  /** Acknowledged writes kept for checking (oldest first); more are only counted. */
  keep?: number;
}

export interface OrderWriter {
  /** Next id to be written. */
  readonly nextId: () => number;
  /** From now on acknowledged writes are kept in `accepted`. */
  markFrom(at: number): void;
  readonly accepted: AcceptedWrite[];
  readonly stats: { ok: number; acceptedSinceMark: number; refusedSinceMark: number; firstRefusal?: string; firstRefusalAt?: number; lastAcceptedAt?: number };
}

export function startOrderWriter(load: LoadGroup, opts: OrderWriterOptions): OrderWriter {
  const client = load.client({ commandTimeoutMs: 2_000 });
  const keep = opts.keep ?? 5_000;
  let id = opts.firstId;
  let mark: number | undefined;
  const writer: OrderWriter = {
    nextId: () => id,
    markFrom: (at) => void (mark = at),
    accepted: [],
    stats: { ok: 0, acceptedSinceMark: 0, refusedSinceMark: 0 },
  };
  const pauseMs = 1000 / opts.writesPerSec;
  load.loop(async () => {
    const current = id++;
    const key = `${opts.keyPrefix}:${opts.tags[current % opts.tags.length]}:${current}`;
    const amount = Math.round(1_000 + Math.random() * 99_000) / 100;
    const value = JSON.stringify({ amount, node: opts.nodePort, at: new Date().toISOString() });
    await load.sleep(pauseMs);
    try {
      await client.set(key, value);
    } catch (err) {
      if (mark !== undefined && Date.now() >= mark) {
        writer.stats.refusedSinceMark++;
        writer.stats.firstRefusal ??= (err as Error).message;
        writer.stats.firstRefusalAt ??= Date.now();
      }
      throw err;
    }
    const at = Date.now();
    writer.stats.ok++;
    if (mark === undefined || at < mark) return;
    writer.stats.acceptedSinceMark++;
    writer.stats.lastAcceptedAt = at;
    if (writer.accepted.length < keep) writer.accepted.push({ key, value, at });
  });
  return writer;
}
