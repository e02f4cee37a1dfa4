// Compares signals against the rule table and returns findings, one per finding code (the most severe).
import { formatBytes } from "@/lib/client/format";
import { severityRank, type Finding } from "@/lib/probes/finding";
import type { Signals } from "./health-signals";
import type { RuleOp, ThresholdRule } from "./rules";

function holds(value: number, op: RuleOp, threshold: number): boolean {
  switch (op) {
    case ">":
      return value > threshold;
    case ">=":
      return value >= threshold;
    case "<":
      return value < threshold;
    case "<=":
      return value <= threshold;
  }
}

export function ruleHolds(rule: ThresholdRule, signals: Signals): boolean {
  const value = signals[rule.signal];
  if (value === undefined || !holds(value, rule.op, rule.threshold)) return false;
  return (rule.and ?? []).every((c) => signals[c.signal] !== undefined && holds(signals[c.signal]!, c.op, c.threshold));
}

/** Values as an engineer reads them: sizes in KB/MB/GB, big counts with separators. */
function format(value: number, unit: ThresholdRule["unit"]): string {
  if (unit === "bytes") return formatBytes(value);
  if (Number.isInteger(value)) return unit === "count" ? value.toLocaleString("en-US") : String(value);
  return value >= 10 ? value.toFixed(0) : value.toFixed(2);
}

export function ruleFinding(rule: ThresholdRule, signals: Signals): Finding {
  const value = signals[rule.signal]!;
  const evidence: Finding["evidence"] = { [rule.signal]: round(value), threshold: rule.threshold, rule: rule.id };
  for (const c of rule.and ?? []) evidence[c.signal] = round(signals[c.signal]!);
  return {
    code: rule.findingCode,
    severity: rule.severity,
    message: rule.message.replace("{value}", format(value, rule.unit)).replace("{threshold}", format(rule.threshold, rule.unit)),
    evidence,
  };
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}

export function evaluateRules(rules: readonly ThresholdRule[], signals: Signals): Finding[] {
  const byCode = new Map<string, Finding>();
  for (const rule of rules) {
    if (!ruleHolds(rule, signals)) continue;
    const finding = ruleFinding(rule, signals);
    const prev = byCode.get(finding.code);
    if (!prev || severityRank(finding.severity) > severityRank(prev.severity)) byCode.set(finding.code, finding);
  }
  return [...byCode.values()].sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
}
