// One time-series chart as a <figure>: title with unit and latest value, the plot, the legend in
// text (lines, thresholds), the events, and a <figcaption> that says the chart in words. One
// series, or a few of the same unit (one per node or replica).
"use client";
import { useId, useMemo } from "react";
import type { MetricWindow } from "@/lib/api/schemas/metrics";
import type { Marker } from "@/lib/metrics/marker";
import type { MetricSeries } from "@/lib/metrics/metrics-response";
import type { SeriesUnit } from "@/lib/metrics/series-catalog";
import { buildChart, firstSampleAt, valueExtent } from "@/lib/client/chart-data";
import { markerLines, markersIn, thresholdLines } from "@/lib/client/chart-annotations";
import { thresholdInReach, yScale } from "@/lib/client/chart-scale";
import { SAMPLE_INTERVAL_MS } from "@/lib/client/metric-windows";
import { formatTimeFull, windowWords, xDomain } from "@/lib/client/time-axis";
import { formatValue, UNIT_WORDS } from "@/lib/client/unit-format";
import { ChartCaption } from "./chart-caption";
import { ChartEvents } from "./chart-events";
import { ChartNotes } from "./chart-notes";
import { ChartPlot } from "./chart-plot";

export interface TimeSeriesChartProps {
  title: string;
  unit: SeriesUnit;
  series: readonly MetricSeries[];
  markers: readonly Marker[];
  /** The window, as the API answered it. */
  from: number;
  to: number;
  intervalMs: number;
  window: MetricWindow;
  /** First sample of the whole response, so charts side by side share one time axis; default: this chart's. */
  firstSample?: number | null;
  /** List the events under the chart; off when a chart grid lists them once for all. */
  listEvents?: boolean;
  /** Plot height in pixels. */
  height?: number;
  headingLevel?: "h3" | "h4";
}

export function TimeSeriesChart(props: TimeSeriesChartProps) {
  const { title, unit, series, markers, to, intervalMs, window, listEvents = true, height = 180, headingLevel: Heading = "h3" } = props;
  const id = useId();
  const model = useMemo(() => buildChart(series, intervalMs), [series, intervalMs]);
  const thresholds = useMemo(() => thresholdLines(series), [series]);
  const firstSample = props.firstSample !== undefined ? props.firstSample : firstSampleAt(series);
  const [from] = xDomain(props.from, to, firstSample);
  const span = to - from;
  const { min, max } = valueExtent(model.summaries);
  const y = yScale(min, max, { thresholds: thresholds.map((t) => t.value), unit });
  const drawn = thresholds.filter((t) => thresholdInReach(t.value, max ?? 0, unit));
  const offScale = new Set(thresholds.filter((t) => !drawn.includes(t)));
  const events = markersIn(markers, from, to);
  const single = model.summaries.length === 1 ? model.summaries[0] : undefined;
  const empty = model.summaries.every((s) => s.samples === 0);
  const period = firstSample !== null && firstSample > props.from ? `${windowWords(window)} (samples since ${formatTimeFull(firstSample, span)})` : windowWords(window);

  return (
    <figure aria-labelledby={`${id}-title`} className="min-w-0 space-y-2 rounded-md border border-line bg-canvas/40 p-3">
      <div className="flex flex-wrap items-baseline justify-between gap-x-3">
        <Heading id={`${id}-title`} className="font-semibold">
          {title} <span className="text-sm font-normal text-muted">({UNIT_WORDS[unit]})</span>
        </Heading>
        {/* The caption says the same for screen readers; this is the number to read at a glance. */}
        {single && !empty && (
          <span aria-hidden className="font-mono text-lg font-semibold tabular">
            {formatValue(single.latest, unit)}
          </span>
        )}
      </div>
      {empty ? (
        <figcaption className="flex items-center justify-center rounded border border-dashed border-line-strong px-4 text-center text-muted" style={{ height }}>
          No samples yet: the sampler reads every {SAMPLE_INTERVAL_MS / 1000} s.
        </figcaption>
      ) : (
        <>
          <ChartPlot
            label={`Line chart of ${title} over ${windowWords(window)}; values in the caption below.`}
            model={model}
            unit={unit}
            from={from}
            to={to}
            y={y}
            thresholds={drawn}
            markers={markerLines(events, intervalMs)}
            height={height}
          />
          <ChartNotes lines={model.lines} thresholds={thresholds} offScale={offScale} />
          {listEvents && <ChartEvents markers={events} spanMs={span} />}
          <ChartCaption summaries={model.summaries} period={period} markers={events} spanMs={span} />
        </>
      )}
    </figure>
  );
}
