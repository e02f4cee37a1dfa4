// "Test connection" from the instance form. Saves nothing; with `instanceId` and no password the
// server uses the stored one (edit form).
import { useMutation } from "@tanstack/react-query";
import type { InstanceInput } from "@/lib/api/schemas/instance";
import { apiFetch } from "./api-fetch";
import type { ConnectionTestResponse, ConnectionTestResult } from "./types";

export function useConnectionTest() {
  return useMutation({
    mutationFn: async (vars: { instance: InstanceInput; instanceId?: string }): Promise<ConnectionTestResult> =>
      (await apiFetch<ConnectionTestResponse>("/api/connection-test", { method: "POST", json: vars })).result,
  });
}
