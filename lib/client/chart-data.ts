// Shapes the metrics API's series into what Recharts draws: one row per timestamp with a value
// per line (`v0`, `v1`…; never the series id, whose dots Recharts would read as a path), a
// [min, max] band (`b0`…) for bucketed points, explicit null rows where samples are missing so the
// line breaks instead of bridging an outage, and each line's latest / min / max for the caption.
import type { MetricSeries, RangePoint, ValuePoint } from "@/lib/metrics/metrics-response";
import type { SeriesUnit } from "@/lib/metrics/series-catalog";

export type ChartValue = number | null | [number, number] | undefined;
export type ChartRow = { t: number } & { [key: string]: ChartValue };

export interface ChartLine {
  /** Row key of the value (or the bucket's average). */
  key: string;
  /** Row key of the [min, max] band; set for bucketed series. */
  bandKey?: string;
  label: string;
  seriesId: string;
  node: string;
  unit: SeriesUnit;
}

export interface LineSummary {
  line: ChartLine;
  latest: number | null;
  latestAt: number | null;
  min: number | null;
  max: number | null;
  /** Points that hold a value. */
  samples: number;
}

export interface ChartModel {
  rows: ChartRow[];
  lines: ChartLine[];
  summaries: LineSummary[];
}

/** A hole longer than this many intervals is a gap (sampler missed ticks, node down), not jitter. */
export const GAP_INTERVALS = 2.5;

/** What tells lines of one chart apart: the replica, the node, or (alone) the series title. */
export function lineLabel(s: MetricSeries, all: readonly MetricSeries[]): string {
  if (s.labels?.replica) return `replica ${s.labels.replica}`;
  const nodes = new Set(all.map((x) => x.node));
  const ids = new Set(all.map((x) => x.id));
  if (nodes.size > 1 && ids.size > 1) return `${s.title} · ${s.node}`;
  if (nodes.size > 1) return s.node;
  return s.title;
}

interface Norm {
  t: number;
  v: number | null;
  band: [number, number] | null;
  lo: number | null;
  hi: number | null;
}

function normalize(s: MetricSeries): Norm[] {
  if (s.shape === "range") {
    return (s.points as RangePoint[]).map(([t, min, avg, max]) => ({ t, v: avg, band: min !== null && max !== null ? [min, max] : null, lo: min ?? avg, hi: max ?? avg }));
  }
  return (s.points as ValuePoint[]).map(([t, v]) => ({ t, v, band: null, lo: v, hi: v }));
}

function summarize(line: ChartLine, points: readonly Norm[]): LineSummary {
  let latest: number | null = null;
  let latestAt: number | null = null;
  let min: number | null = null;
  let max: number | null = null;
  let samples = 0;
  for (const p of points) {
    if (p.v === null && p.lo === null) continue;
    samples++;
    if (p.v !== null && (latestAt === null || p.t >= latestAt)) [latest, latestAt] = [p.v, p.t];
    if (p.lo !== null) min = min === null ? p.lo : Math.min(min, p.lo);
    if (p.hi !== null) max = max === null ? p.hi : Math.max(max, p.hi);
  }
  return { line, latest, latestAt, min, max, samples };
}

export function buildChart(series: readonly MetricSeries[], intervalMs: number): ChartModel {
  // Several nodes are sampled a few ms apart: snap them to the interval so they share rows
  // (otherwise every line would break at every other row). One series keeps its exact times.
  const snap = series.length > 1 && intervalMs > 0 ? (t: number) => Math.round(t / intervalMs) * intervalMs : (t: number) => t;
  const rows = new Map<number, ChartRow>();
  const row = (t: number): ChartRow => {
    let r = rows.get(t);
    if (!r) rows.set(t, (r = { t }));
    return r;
  };
  const lines: ChartLine[] = [];
  const summaries: LineSummary[] = [];
  series.forEach((s, i) => {
    const line: ChartLine = { key: `v${i}`, label: lineLabel(s, series), seriesId: s.id, node: s.node, unit: s.unit, ...(s.shape === "range" ? { bandKey: `b${i}` } : {}) };
    const points = normalize(s).sort((a, b) => a.t - b.t);
    let prev: number | undefined;
    for (const p of points) {
      const t = snap(p.t);
      if (prev !== undefined && intervalMs > 0 && t - prev > GAP_INTERVALS * intervalMs) {
        const gap = row(snap(prev + intervalMs));
        gap[line.key] = null;
        if (line.bandKey) gap[line.bandKey] = null;
      }
      const r = row(t);
      r[line.key] = p.v;
      if (line.bandKey) r[line.bandKey] = p.band;
      prev = t;
    }
    lines.push(line);
    summaries.push(summarize(line, points));
  });
  return { rows: [...rows.values()].sort((a, b) => a.t - b.t), lines, summaries };
}

/** Lowest and highest value over all lines (bands included), for the y axis. */
export function valueExtent(summaries: readonly LineSummary[]): { min: number | null; max: number | null } {
  const mins = summaries.map((s) => s.min).filter((v): v is number => v !== null);
  const maxs = summaries.map((s) => s.max).filter((v): v is number => v !== null);
  return { min: mins.length ? Math.min(...mins) : null, max: maxs.length ? Math.max(...maxs) : null };
}

/** Time of the earliest sample holding a value, over all series of a response. */
export function firstSampleAt(series: readonly MetricSeries[]): number | null {
  let first: number | null = null;
  for (const s of series) {
    for (const p of s.points) {
      const has = p.slice(1).some((v) => v !== null);
      if (has && (first === null || p[0] < first)) first = p[0];
    }
  }
  return first;
}
