// Register, edit and delete an instance. Each invalidates what shows that instance: the fleet list
// and the instance's own entries (settings and health, which a new host or password changes).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { InstanceInput, InstancePatch } from "@/lib/api/schemas/instance";
import { apiFetch } from "./api-fetch";
import { instanceKeys } from "./query-keys";
import type { InstancePublic, InstanceResponse } from "./types";

export function useCreateInstance() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (input: InstanceInput): Promise<InstancePublic> =>
      (await apiFetch<InstanceResponse>("/api/instances", { method: "POST", json: input })).instance,
    onSuccess: (instance) => {
      qc.setQueryData(instanceKeys.detail(instance.id), instance);
      return qc.invalidateQueries({ queryKey: instanceKeys.list() });
    },
  });
}

export function useUpdateInstance(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (patch: InstancePatch): Promise<InstancePublic> =>
      (await apiFetch<InstanceResponse>(`/api/instances/${id}`, { method: "PATCH", json: patch })).instance,
    onSuccess: (instance) => {
      qc.setQueryData(instanceKeys.detail(id), instance);
      return Promise.all([qc.invalidateQueries({ queryKey: instanceKeys.list() }), qc.invalidateQueries({ queryKey: instanceKeys.health(id) })]);
    },
  });
}

export function useDeleteInstance(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<void>(`/api/instances/${id}`, { method: "DELETE" }),
    onSuccess: () => {
      // Drop the instance's entries rather than refetch them: they would only 404.
      qc.removeQueries({ queryKey: instanceKeys.detail(id) });
      return qc.invalidateQueries({ queryKey: instanceKeys.list() });
    },
  });
}
