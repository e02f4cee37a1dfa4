// Filtering, sorting and counting the fleet list. Pure, so the page's ordering is unit-tested.
import { statusRank } from "./status-order";
import type { FleetEntry, HealthStatus } from "./types";

export const FLEET_SORT_KEYS = ["status", "name", "address", "memory", "ops", "clients", "keys"] as const;
export type FleetSortKey = (typeof FLEET_SORT_KEYS)[number];
export type SortDirection = "asc" | "desc";
export interface FleetSort {
  key: FleetSortKey;
  dir: SortDirection;
}

/** Worst first: the default an on-call engineer needs. */
export const DEFAULT_FLEET_SORT: FleetSort = { key: "status", dir: "desc" };

/** Which way a column sorts on its first click: figures and status biggest first, text A→Z. */
export function firstDirection(key: FleetSortKey): SortDirection {
  return key === "name" || key === "address" ? "asc" : "desc";
}

export function nextSort(current: FleetSort, key: FleetSortKey): FleetSort {
  if (current.key !== key) return { key, dir: firstDirection(key) };
  return { key, dir: current.dir === "asc" ? "desc" : "asc" };
}

export function tagPairs(entries: readonly FleetEntry[]): string[] {
  const set = new Set<string>();
  for (const e of entries) for (const [k, v] of Object.entries(e.instance.tags)) set.add(`${k}=${v}`);
  return [...set].sort((a, b) => a.localeCompare(b));
}

export function filterFleet(entries: readonly FleetEntry[], opts: { tag?: string; search?: string }): FleetEntry[] {
  const needle = opts.search?.trim().toLowerCase() ?? "";
  return entries.filter(({ instance }) => {
    if (opts.tag) {
      const eq = opts.tag.indexOf("=");
      const key = opts.tag.slice(0, eq);
      if (eq < 0 || instance.tags[key] !== opts.tag.slice(eq + 1)) return false;
    }
    if (!needle) return true;
    return instance.name.toLowerCase().includes(needle) || `${instance.host}:${instance.port}`.toLowerCase().includes(needle);
  });
}

function sortValue(e: FleetEntry, key: FleetSortKey): number | string | null {
  const s = e.health.summary;
  switch (key) {
    case "status":
      return statusRank(e.health.status);
    case "name":
      return e.instance.name.toLowerCase();
    case "address":
      return `${e.instance.host}:${String(e.instance.port).padStart(5, "0")}`;
    case "memory":
      return s.usedMemoryBytes;
    case "ops":
      return s.opsPerSec;
    case "clients":
      return s.connectedClients;
    case "keys":
      return s.keys;
  }
}

/** Missing figures (unreachable instances) go last in either direction; ties fall back to the name. */
export function sortFleet(entries: readonly FleetEntry[], sort: FleetSort): FleetEntry[] {
  const sign = sort.dir === "asc" ? 1 : -1;
  return [...entries].sort((a, b) => {
    const va = sortValue(a, sort.key);
    const vb = sortValue(b, sort.key);
    if (va === null && vb !== null) return 1;
    if (vb === null && va !== null) return -1;
    if (va !== null && vb !== null && va !== vb) return (va < vb ? -1 : 1) * sign;
    return a.instance.name.localeCompare(b.instance.name);
  });
}

export function countByStatus(entries: readonly FleetEntry[]): Record<HealthStatus, number> {
  const counts: Record<HealthStatus, number> = { ok: 0, warning: 0, critical: 0, unreachable: 0 };
  for (const e of entries) counts[e.health.status]++;
  return counts;
}
