// Summaries of latency samples for every benchmark: one quantile rule (nearest rank, the pacer's)
// and one rounding, so figures from different benchmarks compare.
import { quantile } from "@/lib/probes/bigkeys/pacer";

export interface LatencySummary {
  n: number;
  p50: number | null;
  p99: number | null;
  max: number | null;
}

export function round(v: number | null | undefined, digits = 3): number | null {
  if (v === null || v === undefined || !Number.isFinite(v)) return null;
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

export function summarize(samples: readonly number[]): LatencySummary {
  if (samples.length === 0) return { n: 0, p50: null, p99: null, max: null };
  return {
    n: samples.length,
    p50: round(quantile(samples, 0.5)),
    p99: round(quantile(samples, 0.99)),
    max: round(samples.reduce((a, b) => (b > a ? b : a), -Infinity)),
  };
}

/** The middle value; for an even count the mean of the two middle ones (two rounds: their mean). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** value / reference, or null when either is missing (a ratio of nothing is not 0). */
export function ratio(value: number | null, reference: number | null, digits = 2): number | null {
  if (value === null || reference === null || reference === 0) return null;
  return round(value / reference, digits);
}
