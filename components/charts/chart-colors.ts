// Chart colours as CSS variables (app/globals.css), so a theme switch recolours every chart
// without a re-render. Thresholds reuse the status colours of badges; markers the foreground.
import type { SeriesThreshold } from "@/lib/metrics/metrics-response";

const SERIES_COLORS = ["var(--chart-1)", "var(--chart-2)", "var(--chart-3)", "var(--chart-4)", "var(--chart-5)", "var(--chart-6)"];

export function seriesColor(index: number): string {
  return SERIES_COLORS[index % SERIES_COLORS.length]!;
}

export const SEVERITY_COLOR: Record<SeriesThreshold["severity"], string> = {
  info: "var(--info)",
  warning: "var(--warn)",
  critical: "var(--crit)",
};

export const CHART_INK = {
  grid: "var(--line)",
  axis: "var(--line-strong)",
  tick: "var(--muted)",
  marker: "var(--fg)",
  /** Outline behind SVG labels, so they stay readable where they cross a line. */
  halo: "var(--surface)",
};
