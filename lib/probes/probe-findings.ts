// Findings from the one rule table (lib/metrics/rules.ts), with the node they come from. Pure: a
// probe computes its signals and never holds a threshold of its own.
import { evaluateRules } from "@/lib/metrics/evaluate-rules";
import { healthSignals, type Signals } from "@/lib/metrics/health-signals";
import { RULES, type ThresholdRule } from "@/lib/metrics/rules";
import type { InfoSnapshot } from "@/lib/parse/info";
import { severityRank, type Finding } from "./finding";

export function ruleById(id: string): ThresholdRule {
  const rule = RULES.find((r) => r.id === id);
  if (!rule) throw new Error(`No rule ${id} in lib/metrics/rules.ts`);
  return rule;
}

/**
 * The health signals (lib/metrics/health-signals.ts) of the INFO sections a probe read, so a probe
 * never re-derives a signal the rules compare. Signals of data not read (slowlog, PING) are left out
 * by asking only for the finding codes the probe owns.
 */
export function infoSignals(info: InfoSnapshot, config: Record<string, string> = {}): Signals {
  return healthSignals({ node: "", takenAt: Date.now(), pingMs: Number.NaN, info, config, slowlog: [], slowlogLen: 0 });
}

/** The rules behind these finding codes, evaluated on these signals: one finding per code, the most severe. */
export function ruleFindings(codes: readonly string[], signals: Signals, evidence: Finding["evidence"] = {}): Finding[] {
  const rules = RULES.filter((r) => codes.includes(r.findingCode));
  return evaluateRules(rules, signals).map((f) => ({ ...f, evidence: { ...f.evidence, ...evidence } }));
}

/** Puts the node's address in each finding's evidence, so a cluster finding says where it is. */
export function atNode(findings: Finding[], node: string): Finding[] {
  return findings.map((f) => ({ ...f, evidence: { ...f.evidence, node } }));
}

/**
 * One finding per code, as evaluateRules gives for one node: the most severe node's finding stands
 * for all, and its evidence names every node it came from (the rows keep each node's figures).
 */
export function mergeByCode(findings: readonly Finding[]): Finding[] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) groups.set(f.code, [...(groups.get(f.code) ?? []), f]);
  const merged = [...groups.values()].map((group) => {
    const worst = group.reduce((w, f) => (severityRank(f.severity) > severityRank(w.severity) ? f : w));
    if (group.length === 1) return worst;
    const nodes = [...new Set(group.map((f) => f.evidence.node).filter((n) => n !== undefined))].map(String);
    return { ...worst, evidence: { ...worst.evidence, node: nodes.join(", "), nodes: nodes.length } };
  });
  return merged.sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
