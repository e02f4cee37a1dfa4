// The chart window (15 min … 7 days) as a Radix toggle group: one tab stop, arrow keys move,
// the pressed state is announced.
"use client";
import { ToggleGroup } from "radix-ui";
import { METRIC_WINDOWS, type MetricWindow } from "@/lib/client/metric-windows";
import { cx } from "@/lib/client/cx";

const LABELS: Record<MetricWindow, { short: string; long: string }> = {
  "15m": { short: "15m", long: "15 minutes" },
  "1h": { short: "1h", long: "1 hour" },
  "6h": { short: "6h", long: "6 hours" },
  "24h": { short: "24h", long: "24 hours" },
  "7d": { short: "7d", long: "7 days" },
};

export function WindowSelect({ value, onChange }: { value: MetricWindow; onChange: (w: MetricWindow) => void }) {
  return (
    <ToggleGroup.Root
      type="single"
      value={value}
      // Clicking the pressed item would clear a single toggle group; a chart always has a window.
      onValueChange={(v) => v && onChange(v as MetricWindow)}
      aria-label="Chart window"
      className="inline-flex rounded-md border border-line-strong bg-canvas p-0.5"
    >
      {METRIC_WINDOWS.map((w) => (
        <ToggleGroup.Item
          key={w}
          value={w}
          // The name starts with the visible text, so "click 24h" works for voice control too.
          aria-label={`${LABELS[w].short} (last ${LABELS[w].long})`}
          className={cx(
            "h-8 min-w-11 rounded px-2.5 font-mono text-sm font-semibold text-muted hover:bg-raised hover:text-fg",
            "data-[state=on]:bg-primary data-[state=on]:text-on-primary",
          )}
        >
          {LABELS[w].short}
        </ToggleGroup.Item>
      ))}
    </ToggleGroup.Root>
  );
}
