// The drawn part of a time-series chart (Recharts): local-time x axis over the whole window, y
// axis in the series' unit, a min–max band under the average for bucketed points, breaks where
// samples are missing, dashed threshold lines labelled in words, and dotted event markers.
// Everything here is also said in text by the caption and notes, so the SVG is one labelled image.
"use client";
import { Area, CartesianGrid, ComposedChart, Line, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import type { SeriesUnit } from "@/lib/metrics/series-catalog";
import type { ChartModel } from "@/lib/client/chart-data";
import { markerLabelLeft, thresholdLabelAbove, type MarkerLine, type ThresholdLine } from "@/lib/client/chart-annotations";
import type { YScale } from "@/lib/client/chart-scale";
import { formatTimeTick, timeTicks } from "@/lib/client/time-axis";
import { formatAxisTick } from "@/lib/client/unit-format";
import { CHART_INK, SEVERITY_COLOR, seriesColor } from "./chart-colors";
import { ChartTooltip } from "./chart-tooltip";
import { MarkerLabel } from "./marker-label";

interface ChartPlotProps {
  label: string;
  model: ChartModel;
  unit: SeriesUnit;
  from: number;
  to: number;
  y: YScale;
  thresholds: readonly ThresholdLine[];
  markers: readonly MarkerLine[];
  height: number;
}

const TICK = { fill: CHART_INK.tick, fontSize: 12 };
const HALO = { stroke: CHART_INK.halo, strokeWidth: 4, strokeLinejoin: "round" as const };

export function ChartPlot({ label, model, unit, from, to, y, thresholds, markers, height }: ChartPlotProps) {
  const span = to - from;
  // A line through one or two points is invisible; show the points themselves until there are more.
  const dots = (key: string) => ((model.summaries.find((s) => s.line.key === key)?.samples ?? 0) < 3 ? { r: 3 } : false);
  return (
    <div role="img" aria-label={label} style={{ height }}>
      <ComposedChart responsive data={model.rows} style={{ width: "100%", height }} margin={{ top: 28, right: 8, bottom: 0, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid stroke={CHART_INK.grid} vertical={false} />
        <XAxis
          dataKey="t"
          type="number"
          domain={[from, to]}
          allowDataOverflow
          ticks={timeTicks(from, to, 6)}
          tickFormatter={(t: number) => formatTimeTick(t, span)}
          tick={TICK}
          stroke={CHART_INK.axis}
        />
        <YAxis width="auto" domain={y.domain} ticks={y.ticks} allowDataOverflow tickFormatter={(v: number) => formatAxisTick(v, unit)} tick={TICK} stroke={CHART_INK.axis} />
        {model.lines.map((l, i) =>
          l.bandKey ? (
            <Area key={l.bandKey} dataKey={l.bandKey} stroke="none" fill={seriesColor(i)} fillOpacity={0.22} isAnimationActive={false} activeDot={false} tooltipType="none" />
          ) : null,
        )}
        {model.lines.map((l, i) => (
          <Line key={l.key} dataKey={l.key} name={l.label} stroke={seriesColor(i)} strokeWidth={2} dot={dots(l.key)} isAnimationActive={false} type="linear" />
        ))}
        {thresholds.map((t) => (
          <ReferenceLine
            key={`${t.ruleId}-${t.value}`}
            y={t.value}
            stroke={SEVERITY_COLOR[t.severity]}
            strokeDasharray="6 4"
            strokeWidth={1.5}
            label={{
              value: t.label,
              // On a line (zero height) Recharts' "insideBottom…" sits above it, "insideTop…" below.
              position: thresholdLabelAbove(t, thresholds) ? "insideBottomRight" : "insideTopRight",
              fill: SEVERITY_COLOR[t.severity],
              fontSize: 12,
              fontWeight: 600,
              halo: HALO,
            }}
          />
        ))}
        {markers.map((m) => (
          <ReferenceLine
            key={`${m.kind}-${m.t}`}
            x={m.t}
            stroke={CHART_INK.marker}
            strokeDasharray="2 3"
            strokeWidth={1.5}
            label={<MarkerLabel text={m.label} alignEnd={markerLabelLeft(m.t, from, to)} />}
          />
        ))}
        <Tooltip content={(p) => <ChartTooltip active={p.active} payload={p.payload} lines={model.lines} spanMs={span} />} isAnimationActive={false} cursor={{ stroke: CHART_INK.axis }} />
      </ComposedChart>
    </div>
  );
}
