// Detects a hot key whose expiry sends every reader to the database at once (incident 3). Pure.
//
// Reasoning: the stampede is one very hot key whose expiry sends every reader to the database at
// once. The hotkeys probe finds the key by LFU frequency, by LFU dominance (a key re-created at every
// expiry never reaches an absolute counter but stands far above the rest) or by access share (0.35)
// and, only for a hot key, a TTL under the rule's minimum or already expired (0.45): together they
// are the incident's signature (0.64). Misses above half of lookups while the probe watched (0.5) fit a
// stampede in progress but also a cold cache after a restart, so they need the key. A low hit ratio
// over the sampler's last minutes is context.
import type { DetectResult } from "@/lib/playbooks/schema";
import { derived, detectResult, fromCodes, type Piece } from "../evidence";
import type { TriageInput } from "../triage-input";
import { triageView } from "../triage-view";

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
