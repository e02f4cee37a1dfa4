// Parser for the SLOWLOG GET reply (RESP2 nested arrays, as ioredis returns them) into typed entries.
import { neverThrow, replyNumber, replyText } from "./reply";

export interface SlowlogEntry {
  id: number;
  /** Unix seconds. */
  timestamp: number;
  durationUs: number;
  /**
   * As logged: Redis keeps at most 32 arguments (the last one reads `... (N more arguments)`) and 128 bytes per
   * argument (`... (N more bytes)`), so these are evidence, not a replayable command.
   */
  argv: string[];
  /** Empty for entries from Redis before 4.0, which did not log the client. */
  clientAddr: string;
  clientName: string;
}

function parseEntry(entry: unknown): SlowlogEntry | undefined {
  if (!Array.isArray(entry) || entry.length < 4) return undefined;
  const [rawId, rawTs, rawDuration, rawArgv, rawAddr, rawName] = entry;
  const id = replyNumber(rawId);
  const timestamp = replyNumber(rawTs);
  const durationUs = replyNumber(rawDuration);
  if (id === undefined || timestamp === undefined || durationUs === undefined || !Array.isArray(rawArgv)) return undefined;
  const argv: string[] = [];
  for (const arg of rawArgv) {
    const text = replyText(arg);
    if (text !== undefined) argv.push(text);
  }
  return {
    id,
    timestamp,
    durationUs,
    argv,
    clientAddr: replyText(rawAddr) ?? "",
    clientName: replyText(rawName) ?? "",
  };
}

export function parseSlowlog(reply: unknown): SlowlogEntry[] {
  return neverThrow(
    () => [],
    () => {
      if (!Array.isArray(reply)) return [];
      const entries: SlowlogEntry[] = [];
      for (const item of reply) {
        const entry = parseEntry(item);
        if (entry) entries.push(entry);
      }
      return entries;
    },
  );
}
