// React Query keys for investigations (kept apart from query-keys.ts, which another change edits).
export const investigationKeys = {
  all: ["investigations"] as const,
  lists: () => [...investigationKeys.all, "list"] as const,
  list: (q: { instanceId?: string; status?: string } = {}) => [...investigationKeys.lists(), q.instanceId ?? "all", q.status ?? "any"] as const,
  detail: (id: string) => [...investigationKeys.all, "detail", id] as const,
  /** A fix's draft depends on the params typed and on the results saved so far (`steps`). */
  fixDraft: (id: string, actionId: string, steps: number, params: Record<string, unknown>) => [...investigationKeys.detail(id), "fix-draft", actionId, steps, params] as const,
};
