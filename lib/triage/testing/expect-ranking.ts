// Test support: assertions on triage rankings, shared by the detector and ranking tests.
import { expect } from "vitest";
import { rankPlaybooks, type RankedPlaybook } from "../rank-playbooks";
import type { TriageInput } from "../triage-input";

export function top(input: TriageInput): RankedPlaybook {
  return rankPlaybooks(input)[0]!;
}

export function scoreOf(input: TriageInput, id: string): number {
  return rankPlaybooks(input).find((r) => r.playbookId === id)!.score;
}

/** The playbook ranks first, confident, with evidence; the top three are shown when it does not. */
export function expectFirst(input: TriageInput, id: string): RankedPlaybook[] {
  const ranked = rankPlaybooks(input);
  expect(ranked[0]!.playbookId, JSON.stringify(ranked.slice(0, 3).map((r) => [r.playbookId, r.score]))).toBe(id);
  expect(ranked[0]!.confident).toBe(true);
  expect(ranked[0]!.evidence.length).toBeGreaterThan(0);
  return ranked;
}

export function expectNothingConfident(input: TriageInput): void {
  const confident = rankPlaybooks(input).filter((r) => r.confident);
  expect(confident.map((r) => [r.playbookId, r.score, r.evidence.map((e) => e.code)])).toEqual([]);
}
