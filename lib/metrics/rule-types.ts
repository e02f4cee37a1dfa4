// The shape of a threshold rule (lib/metrics/rules.ts holds the table). Pure and client-safe.
import type { Severity } from "@/lib/probes/finding";

export type RuleOp = ">" | ">=" | "<" | "<=";

export interface RuleCondition {
  signal: string;
  op: RuleOp;
  threshold: number;
}

export interface ThresholdRule {
  /** Stable id; per-instance overrides are keyed by it. */
  id: string;
  signal: string;
  op: RuleOp;
  threshold: number;
  /** Further conditions that must hold too (fragmentation: ratio AND bytes AND a non-trivial data set). */
  and?: RuleCondition[];
  /** Seconds the condition must hold before a live alert fires; health reports it at once. */
  forSeconds: number;
  /**
   * false: a health finding only, never a live alert. Counters since the server started (refused
   * connections, refused partial resyncs) would keep an alert firing forever; their rates are
   * separate alert rules.
   */
  alert?: false;
  severity: Exclude<Severity, "ok">;
  findingCode: string;
  playbook: string | null;
  unit: "%" | "ratio" | "bytes" | "ms" | "count" | "flag" | "s";
  /** Human sentence; `{value}` and `{threshold}` are filled in. */
  message: string;
  /** Where the default comes from, shown next to it. */
  source: string;
}
