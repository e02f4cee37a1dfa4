// The fleet list with each instance's health, refreshed every 5 s while the tab is visible.
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "./api-fetch";
import { instanceKeys } from "./query-keys";
import { LIVE_REFRESH_MS, LIVE_STALE_MS } from "./refresh";
import type { FleetEntry, FleetResponse } from "./types";

export function useFleet() {
  return useQuery({
    queryKey: instanceKeys.list(),
    queryFn: async ({ signal }): Promise<FleetEntry[]> => (await apiFetch<FleetResponse>("/api/instances", { signal })).instances,
    staleTime: LIVE_STALE_MS,
    refetchInterval: LIVE_REFRESH_MS,
  });
}
