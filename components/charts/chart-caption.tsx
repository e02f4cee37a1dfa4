// The chart in words (the <figcaption>): each line's latest value and when, its min and max over
// the period drawn, and the events marked on it. Screen readers and tests read this, never pixels.
import type { Marker } from "@/lib/metrics/marker";
import type { LineSummary } from "@/lib/client/chart-data";
import { markerShortText } from "@/lib/client/chart-annotations";
import { formatTimeFull } from "@/lib/client/time-axis";
import { formatValue } from "@/lib/client/unit-format";

interface ChartCaptionProps {
  summaries: readonly LineSummary[];
  /** "the last 15 minutes", or "since 14:02:10" while data covers less than the window. */
  period: string;
  markers: readonly Marker[];
  spanMs: number;
}

export function ChartCaption({ summaries, period, markers, spanMs }: ChartCaptionProps) {
  const multi = summaries.length > 1;
  return (
    <figcaption className="space-y-0.5 text-sm text-muted">
      {summaries.map(({ line, latest, latestAt, min, max, samples }) => (
        <p key={line.key} data-line={line.label}>
          {multi && <span className="font-semibold text-fg">{line.label}: </span>}
          {latest !== null && latestAt !== null ? (
            <>
              Latest <strong className="font-mono text-fg tabular">{formatValue(latest, line.unit)}</strong> at {formatTimeFull(latestAt, spanMs)}.{" "}
            </>
          ) : (
            "No value yet. "
          )}
          Over {period}: min <span className="font-mono text-fg tabular">{formatValue(min, line.unit)}</span>, max{" "}
          <span className="font-mono text-fg tabular">{formatValue(max, line.unit)}</span>; {samples.toLocaleString("en-US")} {samples === 1 ? "sample" : "samples"}.
        </p>
      ))}
      {markers.length > 0 && <p>Marked: {markers.map((m) => markerShortText(m, spanMs)).join("; ")}.</p>}
    </figcaption>
  );
}
