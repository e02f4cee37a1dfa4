// Values by series unit (lib/metrics/series-catalog): a long form for captions and tooltips
// ("1.5 GB", "1,234 ops/s", "72.4%") and a short one for axis ticks, where the chart title
// already names the unit. Pure and locale-stable, like format.ts.
import type { SeriesUnit } from "@/lib/metrics/series-catalog";
import { formatBytes, formatCount, formatDuration, formatMs } from "./format";

const DASH = "—";

function missing(n: number | null | undefined): n is null | undefined {
  return n === null || n === undefined || !Number.isFinite(n);
}

/** Keeps decimals where they carry meaning: 0.5/s is not 1/s, but 1,234.5 ops/s reads as 1,235. */
export function formatNumber(n: number): string {
  const abs = Math.abs(n);
  if (abs === 0) return "0";
  if (abs < 10) return String(Number(n.toFixed(2)));
  if (abs < 100) return String(Number(n.toFixed(1)));
  return formatCount(n);
}

/** "0.42 ms", "2.5 ms", "120 ms", "1.5 s": PING times of a healthy server are a few ms, tenths matter. */
function millis(ms: number): string {
  return Math.abs(ms) < 1 || Math.abs(ms) >= 1000 ? formatMs(ms) : `${formatNumber(ms)} ms`;
}

function seconds(s: number): string {
  return Math.abs(s) < 60 ? `${formatNumber(s)} s` : formatDuration(s);
}

/** Caption and tooltip form, with the unit. */
export function formatValue(v: number | null | undefined, unit: SeriesUnit): string {
  if (missing(v)) return DASH;
  switch (unit) {
    case "bytes":
      return formatBytes(v);
    case "bytes/s":
      return `${formatBytes(v)}/s`;
    case "ops/s":
      return `${formatNumber(v)} ops/s`;
    case "%":
      return `${formatNumber(v)}%`;
    case "ratio":
      return v.toFixed(2);
    case "count":
      return formatNumber(v);
    case "/s":
      return `${formatNumber(v)}/s`;
    case "/min":
      return `${formatNumber(v)}/min`;
    case "s":
      return seconds(v);
    case "ms":
      return millis(v);
  }
}

/** Axis tick form: short, the unit only where the number alone would be ambiguous. */
export function formatAxisTick(v: number, unit: SeriesUnit): string {
  if (!Number.isFinite(v)) return "";
  switch (unit) {
    case "bytes":
      return formatBytes(v);
    case "bytes/s":
      return `${formatBytes(v)}/s`;
    case "%":
      return `${formatNumber(v)}%`;
    case "s": {
      const abs = Math.abs(v);
      if (abs < 60) return `${formatNumber(v)} s`;
      if (abs < 3600) return `${formatNumber(v / 60)} min`;
      if (abs < 86_400) return `${formatNumber(v / 3600)} h`;
      return `${formatNumber(v / 86_400)} d`;
    }
    case "ms":
      return millis(v);
    default:
      return formatNumber(v);
  }
}

/** The unit as words, for chart titles and screen readers ("per second" rather than "/s"). */
export const UNIT_WORDS: Record<SeriesUnit, string> = {
  "ops/s": "ops/s",
  "%": "%",
  bytes: "bytes",
  "bytes/s": "bytes/s",
  ratio: "ratio",
  count: "count",
  "/s": "per second",
  "/min": "per minute",
  s: "seconds",
  ms: "ms",
};

/** Units whose values are whole numbers, so an axis never shows 0.5 keys or "0 B, 1 B, 1 B". */
export function isIntegerUnit(unit: SeriesUnit): boolean {
  return unit === "count" || unit === "bytes" || unit === "bytes/s";
}
