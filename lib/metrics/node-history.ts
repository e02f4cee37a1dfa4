// What the sampler remembers about one node between ticks: the counters of the last few minutes (for
// rates and deltas over a window), recent PINGs, the slowlog ids seen, and the last restart. Pure.
import { infoNumber, type InfoSnapshot } from "@/lib/parse/info";
import type { SlowlogEntry } from "@/lib/parse/slowlog";
import { RATE_WINDOW_SECONDS, RECENT_WINDOW_SECONDS } from "./signal-windows";

/** INFO counters that only grow while the server runs; a restart (new run_id) starts them over. */
export const COUNTER_FIELDS = {
  commands: "total_commands_processed",
  hits: "keyspace_hits",
  misses: "keyspace_misses",
  rejected: "rejected_connections",
  evicted: "evicted_keys",
  expired: "expired_keys",
  netIn: "total_net_input_bytes",
  netOut: "total_net_output_bytes",
  replOffset: "master_repl_offset",
  syncFull: "sync_full",
} as const;
export type CounterName = keyof typeof COUNTER_FIELDS;
export type Counters = Partial<Record<CounterName, number>>;

export interface CounterPoint {
  t: number;
  c: Counters;
}

export interface RestartEvent {
  t: number;
  keysBefore: number;
  keysAfter: number;
  /** Share of the keys gone, 0–100. */
  lostPct: number;
}

export interface NodeHistory {
  t: number;
  runId: string | undefined;
  role: string | undefined;
  keys: number | undefined;
  /** Oldest first, covering the recent window. */
  counters: CounterPoint[];
  pings: Array<[t: number, ms: number]>;
  /** Highest slowlog id seen; null before the first sample, -1 for an empty slowlog. */
  slowlogMaxId: number | null;
  slowlogNew: Array<[t: number, count: number]>;
  /** Entries seen across ticks, newest first, deduplicated by id. */
  slowlog: SlowlogEntry[];
  restart?: RestartEvent;
}

export interface Windows {
  rateSeconds: number;
  recentSeconds: number;
}

export const DEFAULT_WINDOWS: Windows = { rateSeconds: RATE_WINDOW_SECONDS, recentSeconds: RECENT_WINDOW_SECONDS };

/** Entries kept across ticks: enough for the health rules over 15 minutes on a quiet server. */
export const SLOWLOG_KEEP = 32;

export function readCounters(info: InfoSnapshot): Counters {
  const out: Counters = {};
  for (const [name, field] of Object.entries(COUNTER_FIELDS) as Array<[CounterName, string]>) {
    const v = infoNumber(info, field);
    if (v !== undefined) out[name] = v;
  }
  return out;
}

/** The oldest point no older than `seconds` before `t` (the start of a window, possibly partial). */
export function windowStart(points: readonly CounterPoint[], t: number, seconds: number): CounterPoint | undefined {
  const cutoff = t - seconds * 1000;
  return points.find((p) => p.t >= cutoff);
}

/** How much a counter grew from the window's start to now; undefined when unknown or it went back. */
export function windowDelta(points: readonly CounterPoint[], now: CounterPoint, name: CounterName, seconds: number): number | undefined {
  const start = windowStart(points, now.t, seconds);
  const a = start?.c[name];
  const b = now.c[name];
  if (a === undefined || b === undefined || b < a) return undefined;
  return b - a;
}

export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

/** New slowlog entries since the last tick, by id: exact even past the entries fetched, since ids are sequential. */
export function newSlowlogEntries(prevMaxId: number | null, entries: readonly SlowlogEntry[], fetched: number): number {
  if (prevMaxId === null) return 0;
  const fresh = entries.filter((e) => e.id > prevMaxId);
  if (fresh.length === 0) return 0;
  const maxId = Math.max(...fresh.map((e) => e.id));
  return fresh.length >= fetched && prevMaxId >= 0 ? maxId - prevMaxId : fresh.length;
}

export function mergeSlowlog(current: readonly SlowlogEntry[], previous: readonly SlowlogEntry[]): SlowlogEntry[] {
  const byId = new Map<number, SlowlogEntry>();
  for (const e of [...current, ...previous]) if (!byId.has(e.id)) byId.set(e.id, e);
  return [...byId.values()].sort((a, b) => b.id - a.id).slice(0, SLOWLOG_KEEP);
}
