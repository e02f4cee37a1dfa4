// The probe catalog and running one probe. A run's result is written into the query cache under
// probeKeys.result, so it stays on screen (even after visiting another page) until the next run.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "./api-fetch";
import { probeKeys } from "./query-keys";
import { CATALOG_STALE_MS } from "./refresh";
import type { ProbeCatalogEntry, ProbeCatalogResponse, ProbeResult, ProbeRunResponse } from "./types";

export function useProbeCatalog() {
  return useQuery({
    queryKey: probeKeys.catalog(),
    queryFn: async ({ signal }): Promise<ProbeCatalogEntry[]> => (await apiFetch<ProbeCatalogResponse>("/api/probes", { signal })).probes,
    staleTime: CATALOG_STALE_MS,
  });
}

/** Read-only view of the last result; only useRunProbe writes it. */
export function useProbeResult(instanceId: string, probeId: string) {
  return useQuery<ProbeResult | null>({
    queryKey: probeKeys.result(instanceId, probeId),
    queryFn: () => null,
    enabled: false,
    staleTime: Infinity,
    gcTime: 30 * 60_000,
  });
}

export function useRunProbe(instanceId: string, probeId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (params: Record<string, unknown> = {}): Promise<ProbeResult> =>
      (await apiFetch<ProbeRunResponse>(`/api/instances/${instanceId}/probes/${probeId}`, { method: "POST", json: params })).result,
    onSuccess: (result) => qc.setQueryData(probeKeys.result(instanceId, probeId), result),
  });
}
