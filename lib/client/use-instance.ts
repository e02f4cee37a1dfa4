// One instance (its settings) and its live health. Settings change only through our own mutations,
// so they are not polled; health is, every 5 s.
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "./api-fetch";
import { instanceKeys } from "./query-keys";
import { LIVE_REFRESH_MS, LIVE_STALE_MS } from "./refresh";
import type { HealthResponse, InstanceHealth, InstancePublic, InstanceResponse } from "./types";

export function useInstance(id: string, initialData?: InstancePublic) {
  return useQuery({
    queryKey: instanceKeys.detail(id),
    queryFn: async ({ signal }): Promise<InstancePublic> => (await apiFetch<InstanceResponse>(`/api/instances/${id}`, { signal })).instance,
    initialData,
    // The server component just read it; trust it for a minute.
    staleTime: 60_000,
  });
}

export function useInstanceHealth(id: string) {
  return useQuery({
    queryKey: instanceKeys.health(id),
    queryFn: async ({ signal }): Promise<InstanceHealth> => (await apiFetch<HealthResponse>(`/api/instances/${id}/health`, { signal })).health,
    staleTime: LIVE_STALE_MS,
    refetchInterval: LIVE_REFRESH_MS,
  });
}
