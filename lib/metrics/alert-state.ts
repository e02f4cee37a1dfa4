// The alert state machine, pure and clock-free (time is an argument): a rule that starts to hold is
// pending, firing once it held for its `for`, resolved when it stops. A pending alert that clears
// before firing was never an alert and is dropped. Within one finding code on one node, a firing
// more severe rule silences the milder one (critical fragmentation does not also page as warning).
import { severityRank, type Severity } from "@/lib/probes/finding";
import type { ThresholdRule } from "./rules";

export const ALERT_STATES = ["pending", "firing", "resolved"] as const;
export type AlertState = (typeof ALERT_STATES)[number];

export interface AlertRecord {
  id: string;
  instanceId: string;
  ruleId: string;
  /** Node address; "" for an instance-wide rule (cluster views). */
  node: string;
  severity: Exclude<Severity, "ok">;
  findingCode: string;
  playbook: string | null;
  state: AlertState;
  /** The signal's value at the last transition. */
  value: number | null;
  threshold: number;
  message: string;
  startedAt: number;
  firedAt: number | null;
  resolvedAt: number | null;
}

/** An alert as GET /api/alerts returns it: with the instance it is about (null once deleted). */
export interface AlertView extends AlertRecord {
  instance: { id: string; name: string; address: string } | null;
}

export interface Evaluation {
  rule: ThresholdRule;
  node: string;
  holds: boolean;
  value: number | undefined;
  message: string;
}

export type Transition =
  | { kind: "pending" | "firing"; alert: AlertRecord; previous?: AlertRecord }
  | { kind: "resolved"; alert: AlertRecord }
  | { kind: "dropped"; alert: AlertRecord };

export interface StepContext {
  instanceId: string;
  at: number;
  forSecondsOf(rule: ThresholdRule): number;
  newId(): string;
}

export function alertKey(ruleId: string, node: string): string {
  return `${ruleId}\u0000${node}`;
}

function fresh(ev: Evaluation, ctx: StepContext, firing: boolean): AlertRecord {
  return {
    id: ctx.newId(),
    instanceId: ctx.instanceId,
    ruleId: ev.rule.id,
    node: ev.node,
    severity: ev.rule.severity,
    findingCode: ev.rule.findingCode,
    playbook: ev.rule.playbook,
    state: firing ? "firing" : "pending",
    value: ev.value ?? null,
    threshold: ev.rule.threshold,
    message: ev.message,
    startedAt: ctx.at,
    firedAt: firing ? ctx.at : null,
    resolvedAt: null,
  };
}

/**
 * Transitions for one round of evaluations. `open` holds the pending and firing alerts of the nodes
 * evaluated (keyed by alertKey); an open alert whose rule was not evaluated resolves too.
 */
export function stepAlerts(open: ReadonlyMap<string, AlertRecord>, evaluations: readonly Evaluation[], ctx: StepContext): Transition[] {
  const out: Transition[] = [];
  const firingGroups = new Set<string>();
  const seen = new Set<string>();
  const bySeverity = [...evaluations].sort((a, b) => severityRank(b.rule.severity) - severityRank(a.rule.severity));
  for (const ev of bySeverity) {
    const key = alertKey(ev.rule.id, ev.node);
    seen.add(key);
    const group = `${ev.rule.findingCode}\u0000${ev.node}`;
    const current = open.get(key);
    const holds = ev.holds && !firingGroups.has(group);
    const forMs = Math.max(0, ctx.forSecondsOf(ev.rule)) * 1000;
    if (holds) {
      if (!current) {
        const alert = fresh(ev, ctx, forMs === 0);
        out.push({ kind: alert.state as "pending" | "firing", alert });
        if (alert.state === "firing") firingGroups.add(group);
      } else if (current.state === "pending" && ctx.at - current.startedAt >= forMs) {
        out.push({ kind: "firing", previous: current, alert: { ...current, state: "firing", firedAt: ctx.at, value: ev.value ?? current.value, message: ev.message } });
        firingGroups.add(group);
      } else if (current.state === "firing") {
        firingGroups.add(group);
      }
    } else if (current) {
      out.push(close(current, ctx.at, ev.value));
    }
  }
  for (const [key, current] of open) if (!seen.has(key)) out.push(close(current, ctx.at, undefined));
  return out;
}

function close(current: AlertRecord, at: number, value: number | undefined): Transition {
  if (current.state === "pending") return { kind: "dropped", alert: current };
  return { kind: "resolved", alert: { ...current, state: "resolved", resolvedAt: at, value: value ?? current.value } };
}
