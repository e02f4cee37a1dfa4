// The shape GET /api/instances/:id/metrics returns, built so a chart draws it as is: each series
// with its unit, points as [t, value] (full resolution) or [t, min, avg, max] (bucketed), the
// threshold lines of the rules watching it, and markers for restarts, role changes and failovers.
// Pure and client-safe.
import type { Severity } from "@/lib/probes/finding";
import type { MetricWindow } from "@/lib/api/schemas/metrics";
import type { Marker } from "./marker";
import type { ThresholdRule } from "./rules";
import type { SeriesUnit } from "./series-catalog";

export interface SeriesThreshold {
  value: number;
  severity: Exclude<Severity, "ok">;
  ruleId: string;
}

export type ValuePoint = [t: number, value: number | null];
export type RangePoint = [t: number, min: number | null, avg: number | null, max: number | null];

export interface MetricSeries {
  id: string;
  title: string;
  unit: SeriesUnit;
  /** Node address the series is from. */
  node: string;
  /** e.g. `{ replica: "10.0.0.2:6379" }` for per-replica series. */
  labels?: Record<string, string>;
  shape: "value" | "range";
  points: ValuePoint[] | RangePoint[];
  thresholds: SeriesThreshold[];
}

export interface InstanceMetrics {
  instanceId: string;
  window: MetricWindow;
  from: number;
  to: number;
  /** Time between points. */
  intervalMs: number;
  /** ring: the sampler's memory at full resolution; rollups: the store's 1-minute min/avg/max. */
  source: "ring" | "rollups";
  series: MetricSeries[];
  markers: Marker[];
}

/** Threshold lines for a series: the rules whose signal it is (with this instance's overrides). */
export function thresholdsFor(seriesId: string, rules: readonly ThresholdRule[]): SeriesThreshold[] {
  return rules.filter((r) => r.signal === seriesId).map((r) => ({ value: r.threshold, severity: r.severity, ruleId: r.id }));
}

/** Six significant digits: Float32 storage makes longer decimals noise, and JSON stays small. */
export function roundValue(v: number | null): number | null {
  return v === null || !Number.isFinite(v) ? null : Number(v.toPrecision(6));
}
