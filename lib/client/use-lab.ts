// Lab scenarios for drills: the list (polled while anything is starting or running) and the
// start/stop/reset actions, which also change the fleet.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { LabScenarioState } from "@/lib/lab/lab-service";
import { apiFetch } from "./api-fetch";
import { instanceKeys, labKeys } from "./query-keys";

export function useLab() {
  return useQuery({
    queryKey: labKeys.list(),
    queryFn: async () => (await apiFetch<{ scenarios: LabScenarioState[] }>("/api/lab")).scenarios,
    staleTime: 2_000,
    refetchInterval: 3_000,
  });
}

export type LabAction = "start" | "stop" | "reset";

export function useLabAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, size }: { id: string; action: LabAction; size: "small" | "large" }) =>
      apiFetch(`/api/lab/${id}/${action}`, { method: "POST", json: { size } }),
    onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: labKeys.all }), qc.invalidateQueries({ queryKey: instanceKeys.list() })]),
  });
}
