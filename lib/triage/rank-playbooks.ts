// Ranks the ten playbooks for one instance from its evidence: each playbook's pure detect(), sorted
// best first (ties keep the playbooks' order), each marked confident against the one threshold.
import { PLAYBOOKS } from "@/lib/playbooks";
import type { Finding } from "@/lib/probes/finding";
import { isConfident } from "./confidence";
import type { TriageInput } from "./triage-input";

export interface RankedPlaybook {
  playbookId: string;
  score: number;
  confident: boolean;
  evidence: Finding[];
}

export function rankPlaybooks(input: TriageInput): RankedPlaybook[] {
  return PLAYBOOKS.map((p, order) => {
    const { score, evidence } = p.detect(input);
    return { order, ranked: { playbookId: p.id, score, confident: isConfident(score), evidence } };
  })
    .sort((a, b) => b.ranked.score - a.ranked.score || a.order - b.order)
    .map((r) => r.ranked);
}

/** The response contract of GET /api/instances/:id/triage (scripts outside the project use it). */
export interface TriageResult {
  instanceId: string;
  ranAt: string;
  durationMs: number;
  ranked: RankedPlaybook[];
}
