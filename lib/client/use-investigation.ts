// An investigation in the browser: the detail (seeded by the server page), running a step, notes,
// status and root cause. Every mutation answers only after the server saved it.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { FixDraft } from "@/lib/investigations/fix-draft";
import type { FixExecutionResult, Investigation, InvestigationDetail, InvestigationStatus, InvestigationStepRecord } from "@/lib/investigations/types";
import { apiFetch, shouldRetry } from "./api-fetch";
import { investigationKeys } from "./investigation-keys";

export function useInvestigation(id: string, initial: InvestigationDetail) {
  return useQuery({
    queryKey: investigationKeys.detail(id),
    queryFn: async ({ signal }) => (await apiFetch<{ investigation: InvestigationDetail }>(`/api/investigations/${id}`, { signal })).investigation,
    initialData: initial,
    retry: shouldRetry,
  });
}

export function useRunStep(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (stepId: string): Promise<InvestigationStepRecord> =>
      (await apiFetch<{ step: InvestigationStepRecord }>(`/api/investigations/${id}/steps/${encodeURIComponent(stepId)}/run`, { method: "POST" })).step,
    onSuccess: () => qc.invalidateQueries({ queryKey: investigationKeys.detail(id) }),
  });
}

export interface InvestigationPatchInput {
  status?: InvestigationStatus;
  rootCauseId?: string | null;
  note?: { stepId?: string | null; text: string };
}

export function usePatchInvestigation(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (patch: InvestigationPatchInput): Promise<InvestigationDetail> =>
      (await apiFetch<{ investigation: InvestigationDetail }>(`/api/investigations/${id}`, { method: "PATCH", json: patch })).investigation,
    onSuccess: (inv) => {
      qc.setQueryData(investigationKeys.detail(id), inv);
      return qc.invalidateQueries({ queryKey: investigationKeys.lists() });
    },
  });
}

export function useStartInvestigation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (input: { instanceId: string; playbookId: string }): Promise<Investigation> =>
      (await apiFetch<{ investigation: Investigation }>("/api/investigations", { method: "POST", json: input })).investigation,
    onSuccess: () => qc.invalidateQueries({ queryKey: investigationKeys.lists() }),
  });
}

/** What POST /api/investigations/[id]/actions/[actionId] answers (lib/investigations/fix-execution.ts). */
export interface FixExecutionView {
  argv: string[][];
  replies: FixExecutionResult["replies"];
  before: FixExecutionResult["before"];
  after: FixExecutionResult["after"];
  verified: boolean;
  onError?: FixExecutionResult["onError"];
}

/** Runs a fix action; answers once the server has sent it and saved the audit and step records. */
export function useExecuteFix(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (input: { actionId: string; confirmation: string; params?: Record<string, unknown> }): Promise<FixExecutionView> =>
      (
        await apiFetch<{ execution: FixExecutionView }>(`/api/investigations/${id}/actions/${encodeURIComponent(input.actionId)}`, {
          method: "POST",
          json: { confirmation: input.confirmation, ...(input.params ? { params: input.params } : {}) },
        })
      ).execution,
    onSettled: () => qc.invalidateQueries({ queryKey: investigationKeys.detail(id) }),
  });
}

/** The exact command(s) a fix's params render to, with suggestions from the saved results. */
export function useFixDraft(id: string, actionId: string, steps: number, params: Record<string, unknown>, opts: { enabled?: boolean; keepPrevious?: boolean } = {}) {
  return useQuery({
    queryKey: investigationKeys.fixDraft(id, actionId, steps, params),
    queryFn: async ({ signal }) =>
      (await apiFetch<{ draft: FixDraft }>(`/api/investigations/${id}/actions/${encodeURIComponent(actionId)}/draft`, { method: "POST", json: { params }, signal })).draft,
    enabled: opts.enabled ?? true,
    staleTime: Infinity,
    // The form keeps showing the last list while the next draft renders; never its commands.
    placeholderData: opts.keepPrevious ? keepPreviousData : undefined,
    retry: shouldRetry,
  });
}
