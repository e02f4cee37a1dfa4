// An instance's time series for a window, refreshed as often as the window changes: every sampler
// tick (2 s) up to an hour, every minute beyond (lib/client/metric-windows.ts).
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "./api-fetch";
import { metricsRefreshMs, type MetricWindow } from "./metric-windows";
import { metricKeys } from "./query-keys";
import type { InstanceMetrics, MetricsResponse } from "./types";

export function metricsUrl(id: string, window: MetricWindow, series?: readonly string[]): string {
  const q = new URLSearchParams({ window });
  if (series?.length) q.set("series", series.join(","));
  return `/api/instances/${id}/metrics?${q}`;
}

export function useInstanceMetrics(id: string, window: MetricWindow, series?: readonly string[]) {
  const every = metricsRefreshMs(window);
  return useQuery({
    queryKey: metricKeys.instance(id, window, series),
    queryFn: async ({ signal }): Promise<InstanceMetrics> => (await apiFetch<MetricsResponse>(metricsUrl(id, window, series), { signal })).metrics,
    // Just under the cadence: charts mounting together (wizard steps) share one request.
    staleTime: every - 500,
    refetchInterval: every,
  });
}
