// Buckets points into min/avg/max per fixed time bucket: the 1-minute rollups written to the store,
// and the thinning of long windows to what a chart can draw. Pure.
import type { Point } from "./series-ring";

export type Bucket = [t: number, min: number | null, avg: number | null, max: number | null];

export interface Aggregate {
  min: number;
  avg: number;
  max: number;
  n: number;
}

/** Aggregate of the non-null values, or undefined when there are none. */
export function aggregate(values: Iterable<number | null>): Aggregate | undefined {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let n = 0;
  for (const v of values) {
    if (v === null || !Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    n++;
  }
  return n === 0 ? undefined : { min, avg: sum / n, max, n };
}

/** Points grouped into buckets aligned on `bucketMs` (bucket time = its start); empty buckets are left out. */
export function downsample(points: readonly Point[], bucketMs: number): Bucket[] {
  const out: Bucket[] = [];
  let current: number | undefined;
  let values: Array<number | null> = [];
  const flush = () => {
    if (current === undefined) return;
    const a = aggregate(values);
    out.push(a ? [current, a.min, a.avg, a.max] : [current, null, null, null]);
  };
  for (const [t, v] of points) {
    const b = Math.floor(t / bucketMs) * bucketMs;
    if (b !== current) {
      flush();
      current = b;
      values = [];
    }
    values.push(v);
  }
  flush();
  return out;
}

/** Re-buckets min/avg/max rows (rollups) into coarser buckets; avg is weighted by sample count. */
export function mergeBuckets(rows: ReadonlyArray<{ t: number } & Aggregate>, bucketMs: number): Bucket[] {
  const groups = new Map<number, { min: number; max: number; sum: number; n: number }>();
  for (const r of rows) {
    const b = Math.floor(r.t / bucketMs) * bucketMs;
    const g = groups.get(b);
    if (!g) groups.set(b, { min: r.min, max: r.max, sum: r.avg * r.n, n: r.n });
    else {
      g.min = Math.min(g.min, r.min);
      g.max = Math.max(g.max, r.max);
      g.sum += r.avg * r.n;
      g.n += r.n;
    }
  }
  return [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([t, g]) => [t, g.min, g.n ? g.sum / g.n : null, g.max]);
}
