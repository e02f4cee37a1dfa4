// Triage of one instance: which playbook its signals point to. Runs probes on the server (≤ 3 s), so
// it is fetched once per visit and on demand, not polled.
import { useQuery } from "@tanstack/react-query";
import type { TriageResult } from "@/lib/triage/rank-playbooks";
import { apiFetch } from "./api-fetch";

export const triageKeys = {
  all: ["triage"] as const,
  instance: (id: string) => [...triageKeys.all, id] as const,
};

export function useTriage(instanceId: string) {
  return useQuery({
    queryKey: triageKeys.instance(instanceId),
    queryFn: () => apiFetch<TriageResult>(`/api/instances/${instanceId}/triage`),
    staleTime: 60_000,
    refetchOnWindowFocus: false,
  });
}
