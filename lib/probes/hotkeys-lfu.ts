// Samples LFU access counters: SCAN with a COUNT, then OBJECT FREQ for each batch in one pipeline.
// Bounded by a key budget and the probe's deadline, and paced: after every batch it pauses as long
// as the batch took, so it never holds more than half of the server's time and backs off on its own
// when the server slows down. Only meaningful with an LFU maxmemory-policy (CORRECTIONS #3).
import "server-only";
import type { CommandRunner } from "@/lib/redis/command-runner";
import { replyNumber, replyText } from "@/lib/parse/reply";
import type { LfuSample } from "./hotkey-ranking";
import { sleep } from "./probe-support";

/** Keys per SCAN: large enough to make progress, small enough that one SCAN stays well under a millisecond. */
export const SCAN_COUNT = 250;

export interface LfuScan {
  samples: LfuSample[];
  scanned: number;
  batches: number;
  /** The whole keyspace was walked (cursor back at 0) within the budget. */
  complete: boolean;
  /** Where a later scan could resume. */
  cursor: string;
  pausedMs: number;
}

export async function scanFrequencies(
  runner: CommandRunner,
  opts: { maxKeys: number; deadline: number; signal: AbortSignal },
): Promise<LfuScan> {
  const samples: LfuSample[] = [];
  let cursor = "0";
  let scanned = 0;
  let batches = 0;
  let pausedMs = 0;
  do {
    if (opts.signal.aborted || Date.now() >= opts.deadline) break;
    const started = performance.now();
    const reply = (await runner.call(["SCAN", cursor, "COUNT", String(SCAN_COUNT)])) as unknown[];
    cursor = replyText(reply?.[0]) ?? "0";
    const keys = (Array.isArray(reply?.[1]) ? reply[1] : []).map((k) => replyText(k)).filter((k): k is string => k !== undefined);
    const room = Math.min(keys.length, opts.maxKeys - scanned);
    const batch = keys.slice(0, room);
    if (batch.length > 0) {
      const freqs = await runner.pipeline(batch.map((k) => ["OBJECT", "FREQ", k]));
      freqs.forEach(([err, value], i) => {
        const freq = err ? undefined : replyNumber(value);
        // A key that expired between SCAN and OBJECT FREQ answers with an error: skipped.
        if (freq !== undefined) samples.push({ key: batch[i]!, freq });
      });
    }
    scanned += batch.length;
    batches++;
    const took = performance.now() - started;
    if (cursor !== "0" && scanned < opts.maxKeys) {
      const pause = Math.min(took, Math.max(0, opts.deadline - Date.now()));
      await sleep(pause, opts.signal);
      pausedMs += pause;
    }
  } while (cursor !== "0" && scanned < opts.maxKeys);
  return { samples, scanned, batches, complete: cursor === "0", cursor, pausedMs: Math.round(pausedMs) };
}
