// Chart windows and how often each refreshes. Up to an hour the API reads the sampler's memory at
// full resolution, so a chart asks as often as the sampler reads (every 2 s, the
// REDLINE_SAMPLE_INTERVAL_MS default) and moves live; longer windows come from 1-minute rollups,
// which change once a minute.
import { METRIC_WINDOWS, WINDOW_MS, type MetricWindow } from "@/lib/api/schemas/metrics";

export { METRIC_WINDOWS, WINDOW_MS, type MetricWindow };

export const SAMPLE_INTERVAL_MS = 2_000;
export const ROLLUP_REFRESH_MS = 60_000;
export const DEFAULT_WINDOW: MetricWindow = "15m";

export function isLiveWindow(window: MetricWindow): boolean {
  return WINDOW_MS[window] <= WINDOW_MS["1h"];
}

export function metricsRefreshMs(window: MetricWindow): number {
  return isLiveWindow(window) ? SAMPLE_INTERVAL_MS : ROLLUP_REFRESH_MS;
}

export function isMetricWindow(value: unknown): value is MetricWindow {
  return typeof value === "string" && (METRIC_WINDOWS as readonly string[]).includes(value);
}
