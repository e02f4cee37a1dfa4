// A sustained write stream at a fixed byte rate: SETs of fixed-size values over a bounded key set,
// so the replication stream (master_repl_offset) grows steadily while the dataset stays the same
// size. Values come from a small pool of random strings: generating fresh ones would only cost CPU.
import "server-only";
import { randomBytes } from "node:crypto";
import type { LoadGroup } from "./load-group";

export interface StreamWriterOptions {
  keyCount: number;
  valueBytes: number;
  writeRateKBps: number;
  keyPrefix?: string;
  /** One pipeline per tick; a shorter tick smooths the stream. Default 50 ms. */
  tickMs?: number;
}

export interface StreamWriter {
  keyCount: number;
  keyOf(n: number): string;
}

const VALUE_POOL = 16;

/** Writes every key once (pipelined), then keeps overwriting them at the rate until load.stop(). */
export async function startStreamWriter(load: LoadGroup, opts: StreamWriterOptions): Promise<StreamWriter> {
  const prefix = opts.keyPrefix ?? "cache:item:";
  const keyOf = (n: number) => `${prefix}${n}`;
  const pool = Array.from({ length: VALUE_POOL }, () => randomBytes(Math.ceil(opts.valueBytes * 0.75)).toString("base64").slice(0, opts.valueBytes));
  const client = load.client();
  for (let first = 0; first < opts.keyCount; first += 1_000) {
    const pipeline = client.pipeline();
    for (let n = first; n < Math.min(first + 1_000, opts.keyCount); n++) pipeline.set(keyOf(n), pool[n % VALUE_POOL]);
    await pipeline.exec();
  }
  const tickMs = opts.tickMs ?? 50;
  const perTick = Math.max(1, Math.round((opts.writeRateKBps * 1024 * tickMs) / 1000 / opts.valueBytes));
  let next = 0;
  load.loop(async () => {
    const started = Date.now();
    const pipeline = client.pipeline();
    for (let i = 0; i < perTick; i++, next++) pipeline.set(keyOf(next % opts.keyCount), pool[next % VALUE_POOL]);
    await pipeline.exec();
    await load.sleep(Math.max(0, tickMs - (Date.now() - started)));
  });
  return { keyCount: opts.keyCount, keyOf };
}
