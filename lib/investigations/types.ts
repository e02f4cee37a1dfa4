// The Investigation contract (DESIGN.md "Core contracts") as the repository, the API and the browser
// share it. Pure types and constants: safe to import in the browser.
import type { ProbeResult } from "@/lib/probes/types";

export const INVESTIGATION_STATUSES = ["open", "mitigated", "resolved"] as const;
export type InvestigationStatus = (typeof INVESTIGATION_STATUSES)[number];

/** One append-only record: a probe run of a playbook step, or a note (on a step or on the whole investigation). */
export interface InvestigationStepRecord {
  id: number;
  investigationId: string;
  /** Playbook step id; null for a note on the whole investigation. */
  stepId: string | null;
  /** Set for probe runs, null for notes. */
  probeId: string | null;
  params: Record<string, unknown> | null;
  /** The ProbeResult exactly as the probe returned it; for a fix action (stepId `fix:<id>`), its execution. */
  result: ProbeResult | FixExecutionResult | null;
  note: string | null;
  who: string;
  /** ISO time the record was written. */
  at: string;
}

/** One command a fix sent, and what the server answered (a classified error when it refused). */
export interface FixReply {
  argv: string[];
  /** Node address it ran on. */
  node: string;
  reply?: unknown;
  error?: { code: string; message: string };
}

/** The onError path of the fix that matched a command's error reply. */
export interface FixOnError {
  match: string;
  explain: string;
  next: string[];
}

/** What a fix action did: the exact commands, the replies, and the verify probe before and after. */
/** What a fix action did: the commands, their replies, and the verify probe before and after. */
export interface FixExecution {
  argv: string[][];
  replies: FixReply[];
  before: ProbeResult;
  after: ProbeResult;
  /** The verify probe's expectation holds after the fix. */
  verified: boolean;
  onError?: FixOnError;
}

/** A fix execution as saved among the investigation's step records. */
export interface FixExecutionResult extends FixExecution {
  kind: "fix";
  actionId: string;
}

export function isProbeResult(r: InvestigationStepRecord["result"]): r is ProbeResult {
  return r !== null && (r as Partial<FixExecutionResult>).kind !== "fix";
}

export interface Investigation {
  id: string;
  instanceId: string;
  playbookId: string;
  status: InvestigationStatus;
  rootCauseId: string | null;
  title: string;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
}

export interface InvestigationWithSteps extends Investigation {
  /** Oldest first. */
  steps: InvestigationStepRecord[];
}

export type HypothesisState = "confirmed" | "ruled-out" | "open";

export interface Hypothesis {
  rootCauseId: string;
  title: string;
  state: HypothesisState;
  /** The finding codes, seen in saved step results, that decided the state (empty when open). */
  decidedBy: string[];
}

/** What GET /api/investigations/:id answers. */
export interface InvestigationDetail extends InvestigationWithSteps {
  hypotheses: Hypothesis[];
}
