// Detects one big key blocking the main thread when it is read or deleted whole (incident 1). Pure.
//
// Reasoning: the slowlog records execution time with the key as argv[1]. The same key behind
// several recent slow entries of a command whose cost grows with the key (HGETALL, SMEMBERS, LRANGE,
// ZRANGE, GET, DEL…) is the signature of a big key used regularly (0.75); a single such entry over
// the slow-command rule's threshold is strong (0.6), one over 10 ms moderate (0.45). O(1) commands
// (SET, HGET, INCR…) are slow only when the process was starved of CPU, so they count weakly and only
// when repeated on one key (0.45) or very slow (0.25).
// KEYS and scripts are left to their own playbooks. When the slowlog has nothing (its threshold set
// above the reads), commandstats still show whole-collection commands (HGETALL, SMEMBERS, LRANGE,
// ZRANGE…) averaging ≥ 10 ms per call. A bigkeys scan result is direct evidence of the key. Slow
// PINGs and memory pressure fit several incidents: context only.
import { findRule } from "@/lib/metrics/rules";
import type { DetectResult } from "@/lib/playbooks/schema";
import { BLOCKING_MS, SIZE_BOUND_COMMANDS, WHOLE_KEY_COMMANDS, durationMs, isKeyedCommand, longest, recentSlowlog } from "../command-kinds";
import { derived, detectResult, fromCodes, type Piece } from "../evidence";
import type { TriageInput } from "../triage-input";
import { commandstat, triageView, type SlowEntry, type TriageView } from "../triage-view";

/** The slow-command rule's threshold (ms): one entry above it is a long stall by the rule table's measure. */
const SLOW_COMMAND_MS = findRule("slow-command")?.threshold ?? 100;

function slowKeyPiece(view: TriageView): Piece | undefined {
  const keyed = recentSlowlog(view).filter((e) => isKeyedCommand(e) && durationMs(e) >= BLOCKING_MS);
  if (keyed.length === 0) return undefined;
  const byKey = new Map<string, SlowEntry[]>();
  for (const e of keyed) {
    const k = `${e.node}\u0000${e.argv[1]}`;
    byKey.set(k, [...(byKey.get(k) ?? []), e]);
  }
  const weightOf = (group: SlowEntry[]): number => {
    const sized = group.some((e) => SIZE_BOUND_COMMANDS.has(e.command.toLowerCase()));
    const ms = durationMs(longest(group)!);
    if (group.length >= 2) return sized ? 0.75 : 0.45;
    if (sized) return ms >= SLOW_COMMAND_MS ? 0.6 : 0.45;
    return ms >= SLOW_COMMAND_MS ? 0.25 : 0;
  };
  const groups = [...byKey.values()].sort((a, b) => weightOf(b) - weightOf(a) || b.length - a.length || longest(b)!.durationUs - longest(a)!.durationUs);
  const top = groups[0]!;
  const weight = weightOf(top);
  if (weight === 0) return undefined;
  const worst = longest(top)!;
  const ms = durationMs(worst);
  return derived(
    "slowlog.slow-key",
    weight >= 0.6 ? "warning" : "info",
    `${top.length} slow ${[...new Set(top.map((e) => e.command))].join("/")} on one key in 15 minutes, the longest ${Math.round(ms)} ms`,
    { command: worst.command, key: worst.argv[1] ?? "", entries: top.length, durationMs: Math.round(ms), node: worst.node, client: worst.clientAddr },
    weight,
  );
}

function commandstatPiece(view: TriageView): Piece | undefined {
  let worst: { name: string; calls: number; usecPerCall: number } | undefined;
  for (const name of WHOLE_KEY_COMMANDS) {
    const s = commandstat(view, name);
    if (!s || s.calls < 2 || s.usecPerCall < BLOCKING_MS * 1000) continue;
    if (!worst || s.usecPerCall > worst.usecPerCall) worst = { name, calls: s.calls, usecPerCall: s.usecPerCall };
  }
  if (!worst) return undefined;
  return derived(
    "commandstats.whole-key-slow",
    "warning",
    `${worst.name.toUpperCase()} averages ${Math.round(worst.usecPerCall / 1000)} ms per call over ${worst.calls} calls: it reads or deletes a big key whole`,
    { command: worst.name, calls: worst.calls, usecPerCall: Math.round(worst.usecPerCall) },
    0.45,
  );
}

export function detectBigkey(input: TriageInput): DetectResult {
  const view = triageView(input);
  const pieces: Piece[] = fromCodes(view, [
    { code: "bigkey.found", weight: { critical: 0.6, warning: 0.55, info: 0.3 } },
    { code: "latency.ping-high", weight: 0.2, support: true },
    { code: "memory.near-maxmemory", weight: 0.1, support: true },
    { code: "config.lazyfree-lazy-user-del-not-recommended", weight: 0.05, support: true },
  ]);
  const slow = slowKeyPiece(view);
  if (slow) pieces.push(slow);
  const stat = commandstatPiece(view);
  if (stat) pieces.push(stat);
  return detectResult(pieces);
}
