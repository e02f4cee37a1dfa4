// Live alerts: the fleet's open ones (firing first, then pending) and one instance's history.
// Polled every 5 s, like health: the sampler evaluates rules every tick, alerts change that fast.
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "./api-fetch";
import { alertKeys } from "./query-keys";
import { LIVE_REFRESH_MS, LIVE_STALE_MS } from "./refresh";
import type { AlertsResponse, AlertView } from "./types";

/** History rows shown on an instance page; older ones are in the API (`limit` up to 1,000). */
export const INSTANCE_ALERT_LIMIT = 50;

export function useOpenAlerts() {
  return useQuery({
    queryKey: alertKeys.open(),
    queryFn: async ({ signal }): Promise<AlertView[]> => (await apiFetch<AlertsResponse>("/api/alerts", { signal })).alerts,
    staleTime: LIVE_STALE_MS,
    refetchInterval: LIVE_REFRESH_MS,
  });
}

export function useInstanceAlerts(id: string) {
  return useQuery({
    queryKey: alertKeys.instance(id),
    queryFn: async ({ signal }): Promise<AlertView[]> => {
      const q = new URLSearchParams({ state: "all", instanceId: id, limit: String(INSTANCE_ALERT_LIMIT) });
      return (await apiFetch<AlertsResponse>(`/api/alerts?${q}`, { signal })).alerts;
    },
    staleTime: LIVE_STALE_MS,
    refetchInterval: LIVE_REFRESH_MS,
  });
}
