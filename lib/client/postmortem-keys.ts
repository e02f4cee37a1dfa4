// React Query keys for an investigation's timeline and postmortem, and the team view (kept apart from
// query-keys.ts, which other changes edit).
export const postmortemKeys = {
  timeline: (id: string) => ["investigations", "timeline", id] as const,
  postmortem: (id: string) => ["investigations", "postmortem", id] as const,
  team: () => ["team"] as const,
};
