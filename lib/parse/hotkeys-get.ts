// Parser for HOTKEYS GET (Redis ≥ 8.6): session metadata and the top keys by CPU time and by network
// bytes, each with its share of the session's total. Shape from the Redis command reference (a flat
// RESP2 array of name/value pairs; `by-*` values are flat [key, value, …] arrays). Pure.
import { neverThrow, replyNumber, replyPairs, replyText } from "./reply";

export interface HotkeysEntry {
  key: string;
  value: number;
  /** Share of the session total for this metric; null when the server gave no total. */
  sharePct: number | null;
}

export interface HotkeysReport {
  trackingActive: boolean;
  durationMs: number | null;
  sampleRatio: number | null;
  byCpuTimeUs: HotkeysEntry[];
  byNetBytes: HotkeysEntry[];
}

function entries(list: unknown, total: number | undefined): HotkeysEntry[] {
  const out: HotkeysEntry[] = [];
  if (!Array.isArray(list)) return out;
  for (let i = 0; i + 1 < list.length; i += 2) {
    const key = replyText(list[i]);
    const value = replyNumber(list[i + 1]);
    if (key === undefined || value === undefined) continue;
    out.push({ key, value, sharePct: total ? Math.round((value / total) * 10_000) / 100 : null });
  }
  return out.sort((a, b) => b.value - a.value);
}

/** undefined for a nil reply (no session data) or anything that is not the documented shape. */
export function parseHotkeysGet(reply: unknown): HotkeysReport | undefined {
  return neverThrow(
    () => undefined,
    () => {
      const pairs = replyPairs(reply);
      if (pairs.length === 0) return undefined;
      const fields = new Map(pairs);
      const num = (name: string) => replyNumber(fields.get(name));
      return {
        trackingActive: num("tracking-active") === 1,
        durationMs: num("collection-duration-ms") ?? null,
        sampleRatio: num("sample-ratio") ?? null,
        byCpuTimeUs: entries(fields.get("by-cpu-time-us"), num("all-commands-all-slots-us")),
        byNetBytes: entries(fields.get("by-net-bytes"), num("net-bytes-all-commands-all-slots")),
      };
    },
  );
}
