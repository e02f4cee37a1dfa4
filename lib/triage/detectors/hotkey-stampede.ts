// Detects a hot key whose expiry sends every reader to the database at once (incident 3). Pure.
//
// Reasoning: the stampede is one very hot key whose expiry sends every reader to the database at
// once. The hotkeys probe finds the key by LFU frequency or access share (0.35) and, only for a hot
// key, a TTL under the rule's minimum or already expired (0.45): together they are the incident's
// signature (0.64). A key that expires every few seconds is re-created with a fresh LFU counter, so
// it never reaches the rule's absolute frequency; what marks it is dominance: its counter far above
// every other sampled key although it lives only seconds. That is read from the probe's rows and
// weighs like the rule's finding. Misses above half of lookups while the probe watched (0.5) fit a
// stampede in progress but also a cold cache after a restart, so they need the key. A low hit ratio
// over the sampler's last minutes is context.
import { findRule } from "@/lib/metrics/rules";
import type { DetectResult } from "@/lib/playbooks/schema";
import { derived, detectResult, fromCodes, type Piece } from "../evidence";
import type { TriageInput } from "../triage-input";
import { triageView, type HotkeyRowLite, type TriageView } from "../triage-view";

/** The hotkey-short-ttl rule's threshold (seconds): a hot key expiring sooner sets up a stampede. */
const SHORT_TTL_SECONDS = findRule("hotkey-short-ttl")?.threshold ?? 60;
/**
 * A new key starts at LFU counter 5 (LFU_INIT_VAL) and the counter grows logarithmically: twice the
 * runner-up's counter means orders of magnitude more accesses, whatever the absolute numbers.
 */
const DOMINANCE = 2;
const LFU_INIT_VAL = 5;

/** The top LFU key of a node when it dominates the sample and expires soon (or is expired right now). */
function dominantShortLived(view: TriageView): Piece[] {
  const byNode = new Map<string, HotkeyRowLite[]>();
  for (const r of view.hotkeys) if (r.freq !== null) byNode.set(r.node, [...(byNode.get(r.node) ?? []), r]);
  for (const rows of byNode.values()) {
    const [top, next] = [...rows].sort((a, b) => b.freq! - a.freq!);
    if (!top || top.freq! < DOMINANCE * Math.max(next?.freq ?? 0, LFU_INIT_VAL)) continue;
    const ttl = top.ttlMs;
    const short = ttl !== null && (ttl === -2 || (ttl >= 0 && ttl < SHORT_TTL_SECONDS * 1000));
    if (!short) continue;
    const evidence = { key: top.key, node: top.node, freq: top.freq!, runnerUpFreq: next?.freq ?? 0, ttlMs: ttl!, source: "hotkeys rows (LFU dominance)" };
    return [
      derived("hotkey.found", "warning", `${top.key} has LFU counter ${top.freq}, at least ${DOMINANCE}× any other sampled key`, evidence, 0.35),
      derived("hotkey.short-ttl", "warning", ttl === -2 ? `${top.key} has just expired: its readers are missing now` : `${top.key} expires in ${Math.round(ttl! / 100) / 10} s`, evidence, 0.45),
    ];
  }
  return [];
}

/** Below this hit ratio over the last minutes most reads go to the backing store. */
const LOW_HIT_RATIO = 0.5;
/** Fewer reads than this in the window say nothing about the ratio. */
const MIN_READS = 200;

export function detectHotkeyStampede(input: TriageInput): DetectResult {
  const view = triageView(input);
  const pieces: Piece[] = fromCodes(view, [
    { code: "hotkey.miss-burst", weight: 0.5 },
    { code: "hotkey.found", weight: 0.35 },
    { code: "hotkey.short-ttl", weight: 0.45 },
  ]);
  pieces.push(...dominantShortLived(view));
  for (const n of view.nodes) {
    const points = n.history?.counters ?? [];
    const first = points[0];
    const last = points.at(-1);
    if (!first || !last || first === last) continue;
    const hits = (last.c.hits ?? 0) - (first.c.hits ?? 0);
    const misses = (last.c.misses ?? 0) - (first.c.misses ?? 0);
    if (hits < 0 || misses < 0 || hits + misses < MIN_READS) continue;
    const ratio = hits / (hits + misses);
    if (ratio < LOW_HIT_RATIO) {
      pieces.push(derived("keyspace.hit-ratio-low", "warning", `Only ${Math.round(ratio * 100)} % of reads hit over the last ${Math.round((last.t - first.t) / 1000)} s`, { node: n.node, hits, misses }, 0.2, true));
      break;
    }
  }
  return detectResult(pieces);
}
