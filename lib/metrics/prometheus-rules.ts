// The rule table as Prometheus alerting rules over redis_exporter's metrics (GET /api/alerts/rules),
// for teams that already run Prometheus: same thresholds, `for`, severity and playbook. Rules whose
// signal the exporter cannot express are listed in a comment instead of being approximated. Pure.
import { PROM_SIGNALS } from "./prometheus-signals";
import { RULES, type RuleCondition, type ThresholdRule } from "./rules";
import { toYaml, type YamlValue } from "./yaml";

export const RULE_GROUP = "redline-redis";

function condition(c: RuleCondition): { expr: string; note?: string } | undefined {
  const signal = PROM_SIGNALS[c.signal];
  if (!signal) return undefined;
  return { expr: `(${signal.expr}) ${c.op} ${c.threshold}`, note: signal.note };
}

export function alertName(rule: ThresholdRule): string {
  return "Redis" + rule.id.split("-").map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("");
}

/** The PromQL of a rule, or undefined when one of its signals has no exporter metric. */
export function ruleExpr(rule: ThresholdRule): { expr: string; notes: string[] } | undefined {
  const parts = [condition(rule), ...(rule.and ?? []).map(condition)];
  if (parts.some((p) => !p)) return undefined;
  return { expr: parts.map((p) => p!.expr).join(" and "), notes: [...new Set(parts.flatMap((p) => (p!.note ? [p!.note] : [])))] };
}

export function prometheusRules(rules: readonly ThresholdRule[] = RULES): { yaml: string; exported: string[]; skipped: string[] } {
  const exported: string[] = [];
  const skipped: string[] = [];
  const entries: YamlValue[] = [];
  for (const rule of rules) {
    if (rule.alert === false) continue;
    const e = ruleExpr(rule);
    if (!e) {
      skipped.push(rule.id);
      continue;
    }
    exported.push(rule.id);
    entries.push({
      alert: alertName(rule),
      expr: e.expr,
      for: `${rule.forSeconds}s`,
      labels: { severity: rule.severity, playbook: rule.playbook ?? "none", redline_rule: rule.id, finding_code: rule.findingCode },
      annotations: {
        summary: `{{ $labels.instance }}: ${rule.message.replace("{value}", "{{ $value | humanize }}").replace("{threshold}", String(rule.threshold))}`,
        source: rule.source,
        ...(e.notes.length ? { exporter_note: e.notes.join("; ") } : {}),
      },
    });
  }
  const header = [
    "# Redline's alert rules (lib/metrics/rules.ts) over redis_exporter's metric names.",
    "# Thresholds are the defaults; per-instance overrides live in Redline only.",
    ...(skipped.length ? [`# Not expressible with redis_exporter metrics (Redline alerts on them itself): ${skipped.join(", ")}`] : []),
  ];
  const yaml = toYaml({ groups: [{ name: RULE_GROUP, rules: entries }] });
  return { yaml: `${header.join("\n")}\n${yaml}`, exported, skipped };
}
