// The Finding contract: the single vocabulary that playbooks, triage, alerts and exports speak.
export const SEVERITIES = ["ok", "info", "warning", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface Finding {
  /** Stable code such as `fragmentation.ratio-high`; never renamed once shipped. */
  code: string;
  severity: Severity;
  message: string;
  evidence: Record<string, number | string>;
}

const rank: Record<Severity, number> = { ok: 0, info: 1, warning: 2, critical: 3 };

export function severityRank(s: Severity): number {
  return rank[s];
}

/** The most severe finding first; ties keep their order. */
export function worstFinding(findings: readonly Finding[]): Finding | undefined {
  let worst: Finding | undefined;
  for (const f of findings) if (!worst || rank[f.severity] > rank[worst.severity]) worst = f;
  return worst;
}
