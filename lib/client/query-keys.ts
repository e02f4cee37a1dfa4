// React Query key factories: one place that knows how cache entries are named, so invalidations
// after a mutation hit exactly the queries that show the changed data.
export const instanceKeys = {
  all: ["instances"] as const,
  list: () => [...instanceKeys.all, "list"] as const,
  details: () => [...instanceKeys.all, "detail"] as const,
  detail: (id: string) => [...instanceKeys.details(), id] as const,
  health: (id: string) => [...instanceKeys.detail(id), "health"] as const,
};

export const probeKeys = {
  all: ["probes"] as const,
  catalog: () => [...probeKeys.all, "catalog"] as const,
  /** The last result of one probe on one instance, written by the run mutation (never fetched). */
  result: (instanceId: string, probeId: string) => [...probeKeys.all, "result", instanceId, probeId] as const,
};

export const labKeys = {
  all: ["lab"] as const,
  list: () => [...labKeys.all, "list"] as const,
};
