// The hover box of a chart: the sample's time and each line's value with its unit; for bucketed
// points the average with the bucket's min–max, so a spike hidden by averaging is still visible.
import type { TooltipContentProps } from "recharts";
import type { ChartLine, ChartRow } from "@/lib/client/chart-data";
import { formatTimeFull } from "@/lib/client/time-axis";
import { formatValue } from "@/lib/client/unit-format";
import { seriesColor } from "./chart-colors";

interface ChartTooltipProps {
  lines: readonly ChartLine[];
  spanMs: number;
}

export function ChartTooltip({ active, payload, lines, spanMs }: Pick<TooltipContentProps, "active" | "payload"> & ChartTooltipProps) {
  const row = payload?.[0]?.payload as ChartRow | undefined;
  if (!active || !row) return null;
  return (
    <div className="rounded-md border border-line-strong bg-raised px-3 py-2 text-sm text-fg shadow-lg">
      <p className="font-mono text-muted">{formatTimeFull(row.t, spanMs)}</p>
      <ul className="mt-1 space-y-1">
        {lines.map((line, i) => {
          const v = row[line.key];
          const band = line.bandKey ? row[line.bandKey] : undefined;
          return (
            <li key={line.key}>
              <div className="flex items-center gap-2">
                <span aria-hidden className="inline-block h-0.5 w-3 shrink-0" style={{ background: seriesColor(i) }} />
                {lines.length > 1 && <span className="text-muted">{line.label}</span>}
                <span className="font-mono font-semibold tabular">{typeof v === "number" ? formatValue(v, line.unit) : "no sample"}</span>
              </div>
              {/* On its own line: with several nodes the box would otherwise be wider than the chart. */}
              {Array.isArray(band) && (
                <div className="pl-5 font-mono text-xs text-muted tabular">
                  min {formatValue(band[0], line.unit)} – max {formatValue(band[1], line.unit)}
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
