// The one confidence threshold of triage, and how evidence weights combine into a score. Pure.
//
// Each piece of evidence carries a weight in 0..1: roughly "how often is this playbook the right one
// when this signal alone is present". Independent pieces combine as a noisy OR, 1 − Π(1 − w), so two
// moderate signals add up but no pile of them reaches 1. A piece marked `support` (context such as a
// setting that is not recommended, or a fact every incident of the kind shares) only adds to primary
// evidence, and at most SUPPORT_BOOST_CAP of the remaining gap; alone, support is capped below the
// threshold. So context can rank a playbook, never make it confident on its own.
//
// How the threshold was chosen: the weights are set so that
//   - a classified failure that names the incident (BUSY, max clients reached, MISCONF, slots claimed
//     twice, a restart that lost the keyspace) is ≥ 0.85 alone;
//   - a critical rule finding of the playbook is 0.7–0.85 alone; a warning-level one 0.45–0.65;
//   - a counter since start or a single weak signal (restart.recent, memory.no-maxmemory, any
//     config.*-not-recommended) is ≤ 0.35 alone.
// 0.6 then means "a critical signal, or a warning corroborated by a second independent signal"
// (0.45 ⊕ 0.3 = 0.615), while one warning plus any amount of context stays below it
// (0.45 + 0.55 × 0.25 = 0.59). The unit tests (rank-playbooks.test.ts) pin these cases, including
// healthy instances (a long-running one and a brand-new empty one) that must not match.
export const CONFIDENCE_THRESHOLD = 0.6;

/** Support pieces alone never add up to more than this. */
export const SUPPORT_ONLY_CAP = 0.25;

/** Support pieces close at most this share of the gap primary evidence leaves. */
export const SUPPORT_BOOST_CAP = 0.25;

export function noisyOr(weights: readonly number[]): number {
  return 1 - weights.reduce((p, w) => p * (1 - Math.min(1, Math.max(0, w))), 1);
}

export function isConfident(score: number): boolean {
  return score >= CONFIDENCE_THRESHOLD;
}
