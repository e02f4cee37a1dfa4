// The chart's legend in text: which colour is which line, and the threshold lines (also those too
// far above the data to draw), each with its severity in words.
import type { ChartLine } from "@/lib/client/chart-data";
import type { ThresholdLine } from "@/lib/client/chart-annotations";
import { SEVERITY_COLOR, seriesColor } from "./chart-colors";

interface ChartNotesProps {
  lines: readonly ChartLine[];
  thresholds: readonly ThresholdLine[];
  /** Thresholds not drawn: far above the data. */
  offScale: ReadonlySet<ThresholdLine>;
}

function Swatch({ color, dashed }: { color: string; dashed?: boolean }) {
  return <span aria-hidden className="inline-block w-4 shrink-0 border-t-2" style={{ borderColor: color, borderTopStyle: dashed ? "dashed" : "solid" }} />;
}

export function ChartNotes({ lines, thresholds, offScale }: ChartNotesProps) {
  if (lines.length < 2 && thresholds.length === 0) return null;
  return (
    <div className="space-y-1 text-sm">
      {lines.length > 1 && (
        <ul aria-label="Lines" className="flex flex-wrap gap-x-4 gap-y-1">
          {lines.map((l, i) => (
            <li key={l.key} className="inline-flex items-center gap-1.5">
              <Swatch color={seriesColor(i)} />
              <span className="font-mono">{l.label}</span>
            </li>
          ))}
        </ul>
      )}
      {thresholds.length > 0 && (
        <ul aria-label="Thresholds" className="flex flex-wrap gap-x-4 gap-y-1">
          {thresholds.map((t) => (
            <li key={`${t.ruleId}-${t.value}`} className="inline-flex items-center gap-1.5">
              <Swatch color={SEVERITY_COLOR[t.severity]} dashed />
              <span className="font-semibold" style={{ color: SEVERITY_COLOR[t.severity] }}>
                {t.label}
              </span>
              {offScale.has(t) && <span className="text-muted">(far above the values, not drawn)</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
