// Pure part of the hotkeys probe: rank sampled keys (LFU counters, or accesses counted over a
// MONITOR / HOTKEYS window), decide which are hot by the rule table, and the findings that follow:
// a hot key, a hot key about to expire (stampede), and misses bursting while the probe watched.
import { ruleHolds } from "@/lib/metrics/evaluate-rules";
import type { HotkeysEntry } from "@/lib/parse/hotkeys-get";
import type { Finding } from "./finding";
import type { TallyRow } from "./monitor-tally";
import { ruleById, ruleFindings, round } from "./probe-findings";

export type HotkeySource = "lfu" | "monitor" | "hotkeys";

export interface HotkeyRow {
  node: string;
  key: string;
  /** Not plain UTF-8: shown escaped, and its TTL is not read. */
  binary: boolean;
  /** OBJECT FREQ (LFU counter, logarithmic, 0–255); null for a window count. */
  freq: number | null;
  /** Accesses in the window (MONITOR); null for LFU. */
  count: number | null;
  /** Share of the window's key accesses (MONITOR) or of command CPU time (HOTKEYS); null for LFU. */
  sharePct: number | null;
  /** `GET×950 SET×2` in a MONITOR window. */
  commands: string | null;
  /** CPU time spent on the key in a HOTKEYS session. */
  cpuUs: number | null;
  /** PTTL: ms left, -1 no expiry, -2 gone; null when not read. */
  ttlMs: number | null;
  hot: boolean;
}

export interface LfuSample {
  key: string;
  freq: number;
}

export function rankByFrequency(node: string, sampled: readonly LfuSample[], top: number): HotkeyRow[] {
  return [...sampled]
    .sort((a, b) => b.freq - a.freq || a.key.localeCompare(b.key))
    .slice(0, top)
    .map((s) => ({ node, key: s.key, binary: false, freq: s.freq, count: null, sharePct: null, commands: null, cpuUs: null, ttlMs: null, hot: false }));
}

export function rowsFromWindow(node: string, counted: readonly TallyRow[]): HotkeyRow[] {
  return counted.map((t) => ({ node, key: t.key, binary: t.binary, freq: null, count: t.count, sharePct: t.sharePct, commands: t.commands, cpuUs: null, ttlMs: null, hot: false }));
}

/** HOTKEYS ranks by CPU time; its share of the session's command time stands in for the access share. */
export function rowsFromHotkeys(node: string, entries: readonly HotkeysEntry[], top: number): HotkeyRow[] {
  return entries.slice(0, top).map((e) => ({ node, key: e.key, binary: false, freq: null, count: null, sharePct: e.sharePct, commands: null, cpuUs: e.value, ttlMs: null, hot: false }));
}

/** A new key's LFU counter (LFU_INIT_VAL): the floor a dominant key is compared with. */
const LFU_INIT_VAL = 5;

/**
 * How far the node's top LFU counter stands above the runner-up's (or the starting value): a key
 * re-created at every expiry never reaches an absolute level, but it dominates the sample.
 */
function lfuDominance(rows: readonly HotkeyRow[]): { row: HotkeyRow; ratio: number } | undefined {
  const [top, next] = rows.filter((r) => r.freq !== null).sort((a, b) => b.freq! - a.freq!);
  if (!top) return undefined;
  return { row: top, ratio: round(top.freq! / Math.max(next?.freq ?? 0, LFU_INIT_VAL), 2) };
}

/** The signals the `hotkey.found` rules compare, for one row (`dominance` only for the node's top LFU row). */
function rowSignals(row: HotkeyRow, sampledAccesses: number, dominance?: number): Record<string, number> {
  if (row.freq !== null) return { "hotkey.top_lfu_freq": row.freq, ...(dominance !== undefined ? { "hotkey.lfu_dominance": dominance } : {}) };
  return { "hotkey.top_share_pct": row.sharePct ?? 0, "hotkey.sampled_accesses": sampledAccesses };
}

const FOUND_RULES = ["hotkey-lfu-freq", "hotkey-lfu-dominance", "hotkey-window-share"];

/** Marks each row of one node hot when a `hotkey.found` rule holds for it. */
export function markHot(rows: readonly HotkeyRow[], sampledAccesses: number): HotkeyRow[] {
  const rules = FOUND_RULES.map(ruleById);
  const dominant = lfuDominance(rows);
  return rows.map((r) => ({ ...r, hot: rules.some((rule) => ruleHolds(rule, rowSignals(r, sampledAccesses, r === dominant?.row ? dominant.ratio : undefined))) }));
}

/** PTTL -2 (already expired, not rebuilt yet) is the stampede in progress: it counts as 0 s left. */
export function ttlSeconds(ttlMs: number | null): number | undefined {
  if (ttlMs === null || ttlMs === -1) return undefined;
  return ttlMs === -2 ? 0 : round(ttlMs / 1000, 1);
}

function rowEvidence(row: HotkeyRow): Finding["evidence"] {
  const e: Finding["evidence"] = { key: row.key, node: row.node, ttlMs: row.ttlMs ?? "unknown" };
  if (row.freq !== null) e.freq = row.freq;
  if (row.count !== null) e.count = row.count;
  if (row.sharePct !== null) e.sharePct = row.sharePct;
  if (row.cpuUs !== null) e.cpuUs = row.cpuUs;
  return e;
}

/** `hotkey.found` for the hottest key, `hotkey.short-ttl` for the hot key closest to expiring. */
export function hotkeyFindings(rows: readonly HotkeyRow[], sampledAccesses: number): Finding[] {
  const hot = rows.filter((r) => r.hot);
  if (hot.length === 0) return [];
  const top = hot[0]!;
  const dominant = lfuDominance(rows);
  const findings = ruleFindings(["hotkey.found"], rowSignals(top, sampledAccesses, top === dominant?.row ? dominant.ratio : undefined), { ...rowEvidence(top), hotKeys: hot.length });
  const expiring = hot
    .map((r) => ({ r, s: ttlSeconds(r.ttlMs) }))
    .filter((x): x is { r: HotkeyRow; s: number } => x.s !== undefined)
    .sort((a, b) => a.s - b.s)[0];
  if (expiring) findings.push(...ruleFindings(["hotkey.short-ttl"], { "hotkey.min_ttl_seconds": expiring.s }, rowEvidence(expiring.r)));
  return findings;
}

export interface HitMissSample {
  hits: number;
  misses: number;
  atMs: number;
}

export interface MissRate {
  windowMs: number;
  hits: number;
  misses: number;
  missPct: number | null;
  missesPerSec: number;
  hitsPerSec: number;
}

/** Lookups between two INFO stats samples; null when the counters went back (a restart in between). */
export function missRate(a: HitMissSample, b: HitMissSample): MissRate | null {
  const windowMs = b.atMs - a.atMs;
  const hits = b.hits - a.hits;
  const misses = b.misses - a.misses;
  if (!(windowMs > 0) || hits < 0 || misses < 0) return null;
  const sec = windowMs / 1000;
  return {
    windowMs: Math.round(windowMs),
    hits,
    misses,
    missPct: hits + misses > 0 ? round((misses / (hits + misses)) * 100, 1) : null,
    missesPerSec: round(misses / sec, 1),
    hitsPerSec: round(hits / sec, 1),
  };
}

export function missBurstFindings(rate: MissRate | null, node: string): Finding[] {
  if (!rate || rate.missPct === null) return [];
  return ruleFindings(
    ["hotkey.miss-burst"],
    { "keyspace.sampled_miss_pct": rate.missPct, "keyspace.sampled_misses_per_sec": rate.missesPerSec },
    { node, hitsPerSec: rate.hitsPerSec, windowMs: rate.windowMs },
  );
}

export const LFU_POLICIES = ["allkeys-lfu", "volatile-lfu"];

export function isLfuPolicy(policy: string | undefined): boolean {
  return policy !== undefined && LFU_POLICIES.includes(policy);
}

/** What the engineer can do when OBJECT FREQ cannot work (CORRECTIONS #3: `redis-cli --hotkeys` fails too). */
export function lfuUnavailableFinding(node: string, policy: string, hotkeysCommand: boolean): Finding {
  const options = [
    "switch maxmemory-policy to allkeys-lfu (or volatile-lfu) and sample again after a minute of traffic",
    "run a bounded MONITOR window (allowMonitor; it costs the server while it runs)",
    hotkeysCommand ? "use this server's HOTKEYS command (allowMonitor starts a short HOTKEYS session)" : "on Redis ≥ 8.6, the HOTKEYS command tracks hot keys natively",
  ];
  return {
    code: "hotkey.lfu-unavailable",
    severity: "info",
    message: `maxmemory-policy is ${policy || "unknown"}: access frequencies are not tracked, so OBJECT FREQ and redis-cli --hotkeys fail. Options: ${options.join("; ")}.`,
    evidence: { node, maxmemoryPolicy: policy || "unknown", hotkeysCommand: hotkeysCommand ? "available" : "not available" },
  };
}
