// Root-cause hypotheses from the evidence saved in an investigation. Pure: the page and the API
// compute the same answer from the same stored step results.
import type { RootCause } from "@/lib/playbooks/schema";
import { isProbeResult, type Hypothesis, type InvestigationStepRecord } from "./types";

/** Every finding code in the saved probe results, in the order first seen. */
export function findingCodesOf(steps: readonly Pick<InvestigationStepRecord, "result">[]): Set<string> {
  const codes = new Set<string>();
  for (const s of steps) for (const f of isProbeResult(s.result) ? s.result.findings : []) codes.add(f.code);
  return codes;
}

/**
 * For each root cause: confirmed when any of its confirmedBy codes appears in the saved findings,
 * otherwise ruled out when any of its ruledOutBy codes appears, otherwise open. Confirmation wins over
 * ruling out: a finding that supports the cause is direct evidence; the codes of both are listed.
 */
export function hypotheses(rootCauses: readonly RootCause[], steps: readonly Pick<InvestigationStepRecord, "result">[]): Hypothesis[] {
  const seen = findingCodesOf(steps);
  return rootCauses.map((rc) => {
    const confirming = rc.confirmedBy.filter((c) => seen.has(c));
    const ruling = (rc.ruledOutBy ?? []).filter((c) => seen.has(c));
    if (confirming.length) return { rootCauseId: rc.id, title: rc.title, state: "confirmed", decidedBy: confirming };
    if (ruling.length) return { rootCauseId: rc.id, title: rc.title, state: "ruled-out", decidedBy: ruling };
    return { rootCauseId: rc.id, title: rc.title, state: "open", decidedBy: [] };
  });
}

export interface StepCondition {
  /** No `when`: the step always applies. */
  applies: boolean;
  /** The codes of the step's `when` that earlier results produced. */
  metBy: string[];
}

/** Whether a step's `when` (findings of earlier steps) is met by the saved results. */
export function stepCondition(when: { anyOf: string[] } | undefined, steps: readonly Pick<InvestigationStepRecord, "result">[]): StepCondition {
  if (!when) return { applies: true, metBy: [] };
  const seen = findingCodesOf(steps);
  const metBy = when.anyOf.filter((c) => seen.has(c));
  return { applies: metBy.length > 0, metBy };
}

/** Saved records of one step, latest first. */
export function recordsOfStep<T extends Pick<InvestigationStepRecord, "stepId" | "at" | "id">>(steps: readonly T[], stepId: string): T[] {
  return steps.filter((s) => s.stepId === stepId).sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || b.id - a.id);
}
