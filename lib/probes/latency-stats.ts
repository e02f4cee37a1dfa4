// Pure statistics for the latency probe: percentiles of PING round trips and the bucket histogram
// `redis-cli --latency-dist` draws (mostly logarithmic, linear from 1 to 10 ms).
import { round } from "./probe-findings";

export interface LatencySummary {
  samples: number;
  minMs: number;
  avgMs: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface LatencyBucket {
  /** Inclusive upper bound in ms; null for the last bucket (> 60 s). */
  upToMs: number | null;
  label: string;
  count: number;
  pct: number;
}

/** Upper bounds in µs, as in redis-cli.c latencyDistMode; the last bucket is everything above 60 s. */
export const LATENCY_DIST_BOUNDS_US = [
  10, 125, 250, 500, 1_000, 2_000, 3_000, 4_000, 5_000, 6_000, 7_000, 8_000, 9_000, 10_000, 20_000, 30_000, 40_000, 50_000,
  100_000, 200_000, 300_000, 400_000, 500_000, 1_000_000, 2_000_000, 4_000_000, 8_000_000, 16_000_000, 30_000_000, 60_000_000,
] as const;

/** Nearest-rank percentile of sorted values (p in 0..100): always an observed sample. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

const ms = (us: number) => round(us / 1000, 3);

export function summarizeLatency(samplesUs: readonly number[]): LatencySummary {
  const sorted = [...samplesUs].sort((a, b) => a - b);
  const sum = sorted.reduce((s, v) => s + v, 0);
  return {
    samples: sorted.length,
    minMs: ms(sorted[0] ?? 0),
    avgMs: ms(sorted.length ? sum / sorted.length : 0),
    p50Ms: ms(percentile(sorted, 50)),
    p90Ms: ms(percentile(sorted, 90)),
    p99Ms: ms(percentile(sorted, 99)),
    maxMs: ms(sorted[sorted.length - 1] ?? 0),
  };
}

function label(us: number): string {
  return us < 1_000_000 ? `≤ ${us / 1000} ms` : `≤ ${us / 1_000_000} s`;
}

export function latencyHistogram(samplesUs: readonly number[]): LatencyBucket[] {
  const counts = new Array<number>(LATENCY_DIST_BOUNDS_US.length + 1).fill(0);
  for (const us of samplesUs) {
    const i = LATENCY_DIST_BOUNDS_US.findIndex((bound) => us <= bound);
    counts[i < 0 ? LATENCY_DIST_BOUNDS_US.length : i]!++;
  }
  const total = samplesUs.length;
  const buckets: LatencyBucket[] = LATENCY_DIST_BOUNDS_US.map((bound, i) => ({
    upToMs: bound / 1000,
    label: label(bound),
    count: counts[i]!,
    pct: total ? round((counts[i]! / total) * 100, 2) : 0,
  }));
  const over = counts[LATENCY_DIST_BOUNDS_US.length]!;
  buckets.push({ upToMs: null, label: "> 60 s", count: over, pct: total ? round((over / total) * 100, 2) : 0 });
  return buckets;
}
