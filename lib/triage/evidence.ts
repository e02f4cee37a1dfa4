// Pieces of evidence a detector weighs, and the DetectResult they make: one piece per finding code
// (the same signal seen by health and by a probe counts once), scored as a noisy OR (confidence.ts).
import { severityRank, type Finding, type Severity } from "@/lib/probes/finding";
import type { DetectResult } from "@/lib/playbooks/schema";
import { SUPPORT_BOOST_CAP, SUPPORT_ONLY_CAP, noisyOr } from "./confidence";
import { worstOf, type TriageView } from "./triage-view";

export interface Piece {
  finding: Finding;
  weight: number;
  /** Context that only counts next to a primary piece. */
  support?: boolean;
}

/** Weight by the finding's severity; a severity not listed does not count. */
export type SeverityWeights = Partial<Record<Severity, number>>;

export interface CodeWeight {
  code: string;
  weight: number | SeverityWeights;
  support?: boolean;
}

function weightFor(w: number | SeverityWeights, severity: Severity): number | undefined {
  return typeof w === "number" ? w : w[severity];
}

/** A piece for each listed code present in the view, weighted by its most severe occurrence. */
export function fromCodes(view: TriageView, specs: readonly CodeWeight[]): Piece[] {
  const out: Piece[] = [];
  for (const spec of specs) {
    const found = worstOf(view, spec.code);
    if (!found) continue;
    const weight = weightFor(spec.weight, found.finding.severity);
    if (weight === undefined || weight <= 0) continue;
    out.push({ finding: { ...found.finding, evidence: { ...found.finding.evidence, source: found.source } }, weight, support: spec.support });
  }
  return out;
}

/** A piece triage derived itself (slowlog pattern, commandstats, history), with its own finding. */
export function derived(
  code: string,
  severity: Severity,
  message: string,
  evidence: Finding["evidence"],
  weight: number,
  support = false,
): Piece {
  return { finding: { code, severity, message, evidence }, weight, support };
}

function dedupe(pieces: readonly Piece[]): Piece[] {
  const byCode = new Map<string, Piece>();
  for (const p of pieces) {
    const prev = byCode.get(p.finding.code);
    // A code seen as primary anywhere is primary; the strongest weight stands for the code.
    if (!prev) byCode.set(p.finding.code, p);
    else {
      const strongest = p.weight > prev.weight || (p.weight === prev.weight && severityRank(p.finding.severity) > severityRank(prev.finding.severity)) ? p : prev;
      byCode.set(p.finding.code, { ...strongest, support: Boolean(prev.support && p.support) });
    }
  }
  return [...byCode.values()];
}

export function scorePieces(pieces: readonly Piece[]): number {
  const primary = noisyOr(pieces.filter((p) => !p.support).map((p) => p.weight));
  const support = noisyOr(pieces.filter((p) => p.support).map((p) => p.weight));
  const score = primary === 0 ? Math.min(support, SUPPORT_ONLY_CAP) : primary + (1 - primary) * Math.min(support, SUPPORT_BOOST_CAP);
  return Math.round(score * 1000) / 1000;
}

/** Scores the pieces and lists them as evidence, strongest first, each with its weight. */
export function detectResult(pieces: readonly Piece[]): DetectResult {
  const unique = dedupe(pieces);
  const evidence = [...unique]
    .sort((a, b) => Number(Boolean(a.support)) - Number(Boolean(b.support)) || b.weight - a.weight)
    .map((p) => ({ ...p.finding, evidence: { ...p.finding.evidence, weight: p.weight, ...(p.support ? { role: "support" } : {}) } }));
  return { score: scorePieces(unique), evidence };
}
