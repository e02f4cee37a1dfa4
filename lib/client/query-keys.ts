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

export const metricKeys = {
  all: ["metrics"] as const,
  instanceAll: (id: string) => [...metricKeys.all, "instance", id] as const,
  /** Series ids sorted, so the same chart set asked in another order shares one cache entry. */
  instance: (id: string, window: string, series?: readonly string[]) =>
    [...metricKeys.instanceAll(id), window, series && series.length ? [...series].sort().join(",") : "all"] as const,
};

export const alertKeys = {
  all: ["alerts"] as const,
  /** Pending and firing alerts of the whole fleet. */
  open: () => [...alertKeys.all, "open"] as const,
  /** One instance's alerts, history included. */
  instance: (id: string) => [...alertKeys.all, "instance", id] as const,
};

export const accessKeys = {
  all: ["access"] as const,
  users: () => [...accessKeys.all, "users"] as const,
  tokens: () => [...accessKeys.all, "tokens"] as const,
};
