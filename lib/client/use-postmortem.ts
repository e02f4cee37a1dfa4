// The timeline, the postmortem and the team view in the browser. Timeline writes answer the whole
// timeline, which replaces the cached one; a postmortem save answers the saved version.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Postmortem, PostmortemDoc } from "@/lib/investigations/postmortem-schema";
import type { TimelineEntry } from "@/lib/investigations/timeline-types";
import type { TeamView } from "@/lib/investigations/team-view";
import { apiFetch, shouldRetry } from "./api-fetch";
import { postmortemKeys } from "./postmortem-keys";

export function useTimeline(id: string) {
  return useQuery({
    queryKey: postmortemKeys.timeline(id),
    queryFn: async ({ signal }) => (await apiFetch<{ timeline: TimelineEntry[] }>(`/api/investigations/${id}/timeline`, { signal })).timeline,
    // New probe runs, alerts and markers join the timeline without a reload.
    refetchInterval: 15_000,
    staleTime: 5_000,
    retry: shouldRetry,
  });
}

type TimelineChange =
  | { kind: "add"; at: string; text: string; starred?: boolean }
  | { kind: "edit"; entryId: string; starred?: boolean; text?: string | null; at?: string | null }
  | { kind: "delete"; entryId: string };

export function useChangeTimeline(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (c: TimelineChange): Promise<TimelineEntry[]> => {
      const base = `/api/investigations/${id}/timeline`;
      if (c.kind === "add") return (await apiFetch<{ timeline: TimelineEntry[] }>(base, { method: "POST", json: { at: c.at, text: c.text, starred: c.starred } })).timeline;
      const url = `${base}/${encodeURIComponent(c.entryId)}`;
      if (c.kind === "delete") return (await apiFetch<{ timeline: TimelineEntry[] }>(url, { method: "DELETE" })).timeline;
      const { kind: _k, entryId: _e, ...edit } = c;
      return (await apiFetch<{ timeline: TimelineEntry[] }>(url, { method: "PATCH", json: edit })).timeline;
    },
    onSuccess: (timeline) => qc.setQueryData(postmortemKeys.timeline(id), timeline),
  });
}

export function usePostmortem(id: string) {
  return useQuery({
    queryKey: postmortemKeys.postmortem(id),
    queryFn: async ({ signal }) => (await apiFetch<{ postmortem: Postmortem }>(`/api/investigations/${id}/postmortem`, { signal })).postmortem,
    // The editor owns the document once loaded: no refetch under the author's fingers.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    retry: shouldRetry,
  });
}

export async function putPostmortem(id: string, doc: PostmortemDoc, baseVersion: number): Promise<Postmortem> {
  return (await apiFetch<{ postmortem: Postmortem }>(`/api/investigations/${id}/postmortem`, { method: "PUT", json: { doc, baseVersion } })).postmortem;
}

export function useTeamView() {
  return useQuery({
    queryKey: postmortemKeys.team(),
    queryFn: async ({ signal }) => (await apiFetch<{ team: TeamView }>("/api/team", { signal })).team,
    refetchInterval: 30_000,
    staleTime: 10_000,
    retry: shouldRetry,
  });
}
