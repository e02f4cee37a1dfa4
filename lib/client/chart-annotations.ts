// What is drawn over a chart besides the data: threshold lines (the rules watching the series,
// labelled in words as well as coloured by severity) and event markers (restart, role change,
// failover), with the text that lists them under the chart. Pure.
import type { Marker, MarkerKind } from "@/lib/metrics/marker";
import type { MetricSeries, SeriesThreshold } from "@/lib/metrics/metrics-response";
import { findRule, type RuleOp } from "@/lib/metrics/rules";
import type { SeriesUnit } from "@/lib/metrics/series-catalog";
import { formatTimeFull } from "./time-axis";
import { formatValue } from "./unit-format";

export interface ThresholdLine extends SeriesThreshold {
  /** Direction of the rule; the API omits it, the rule table has it (overrides change only the value). */
  op: RuleOp | undefined;
  /** "Warning ≥ 70%". */
  label: string;
}

const OP_SYMBOL: Record<RuleOp, string> = { ">": ">", ">=": "≥", "<": "<", "<=": "≤" };
const SEVERITY_WORD: Record<SeriesThreshold["severity"], string> = { info: "Info", warning: "Warning", critical: "Critical" };
const SEVERITY_ORDER: Record<SeriesThreshold["severity"], number> = { critical: 0, warning: 1, info: 2 };

export function thresholdLabel(t: SeriesThreshold, op: RuleOp | undefined, unit: SeriesUnit): string {
  return `${SEVERITY_WORD[t.severity]} ${op ? OP_SYMBOL[op] : "at"} ${formatValue(t.value, unit)}`;
}

/** Every rule's line once (a series per node repeats them), most severe first. */
export function thresholdLines(series: readonly MetricSeries[]): ThresholdLine[] {
  const byRule = new Map<string, ThresholdLine>();
  for (const s of series) {
    for (const t of s.thresholds) {
      if (byRule.has(`${t.ruleId}|${t.value}`)) continue;
      const op = findRule(t.ruleId)?.op;
      byRule.set(`${t.ruleId}|${t.value}`, { ...t, op, label: thresholdLabel(t, op, s.unit) });
    }
  }
  return [...byRule.values()].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.value - b.value);
}

/**
 * Where a threshold's label goes: above the highest line, below the others, so two lines close
 * together (fragmentation warning 1.5, critical 2.0) do not print their labels over each other.
 */
export function thresholdLabelAbove(t: ThresholdLine, drawn: readonly ThresholdLine[]): boolean {
  return t.value >= Math.max(...drawn.map((d) => d.value));
}

export const MARKER_WORDS: Record<MarkerKind, { short: string; long: string }> = {
  restart: { short: "restart", long: "Restart" },
  "role-change": { short: "role change", long: "Role change" },
  failover: { short: "failover", long: "Failover" },
};

/** Markers inside the window, oldest first. */
export function markersIn(markers: readonly Marker[], from: number, to: number): Marker[] {
  return markers.filter((m) => m.t >= from && m.t <= to).sort((a, b) => a.t - b.t);
}

/**
 * One vertical line per event: a failover seen on three nodes in the same sampler tick is one
 * line labelled once ("failover ×3"), and the text list below the chart names each node.
 */
export interface MarkerLine {
  t: number;
  kind: MarkerKind;
  label: string;
}

export function markerLines(markers: readonly Marker[], intervalMs: number): MarkerLine[] {
  const out: Array<{ t: number; kind: MarkerKind; count: number }> = [];
  for (const m of markers) {
    const same = out.find((o) => o.kind === m.kind && Math.abs(o.t - m.t) <= Math.max(intervalMs, 1));
    if (same) same.count++;
    else out.push({ t: m.t, kind: m.kind, count: 1 });
  }
  return out.map(({ t, kind, count }) => ({ t, kind, label: count > 1 ? `${MARKER_WORDS[kind].short} ×${count}` : MARKER_WORDS[kind].short }));
}

/** A marker near the right edge labels to its left, or the label would be cut off. */
export function markerLabelLeft(t: number, from: number, to: number): boolean {
  return t > from + (to - from) * 0.75;
}

/** "restart at 14:05:32": the short form a chart's caption lists. */
export function markerShortText(m: Marker, spanMs: number, timeZone?: string): string {
  return `${MARKER_WORDS[m.kind].short} at ${formatTimeFull(m.t, spanMs, timeZone)}`;
}

/** "Restart at 14:05:32 on 127.0.0.1:6379: run_id 1a2b3c4d → 5e6f7a8b, up 2 s". */
export function markerText(m: Marker, spanMs: number, timeZone?: string): string {
  return `${MARKER_WORDS[m.kind].long} at ${formatTimeFull(m.t, spanMs, timeZone)} on ${m.node}: ${m.detail}`;
}
