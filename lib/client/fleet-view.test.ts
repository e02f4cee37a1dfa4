// Unit tests for the fleet list's filtering, default worst-first ordering and status counts.
import { describe, expect, it } from "vitest";
import { countByStatus, DEFAULT_FLEET_SORT, filterFleet, nextSort, sortFleet, tagPairs } from "./fleet-view";
import type { FleetEntry, HealthStatus } from "./types";

function entry(name: string, status: HealthStatus, opts: { tags?: Record<string, string>; memory?: number | null; port?: number } = {}): FleetEntry {
  return {
    instance: {
      id: name, name, host: "127.0.0.1", port: opts.port ?? 6379, username: null, hasPassword: false, db: 0,
      tls: { enabled: false, hasCa: false, skipVerify: false }, mode: "standalone", sentinelMaster: null,
      tags: opts.tags ?? {}, renamedCommands: {}, allowRemediation: false, createdAt: "", updatedAt: "",
    },
    health: {
      instanceId: name, checkedAt: "", durationMs: 1, status, findings: [],
      summary: { role: "master", version: "7.0.15", usedMemoryBytes: opts.memory === undefined ? 100 : opts.memory, maxmemoryBytes: 0, opsPerSec: 1, connectedClients: 1, maxclients: 10, keys: 1, uptimeSeconds: 1, nodes: 1, nodesReachable: 1 },
      nodes: [],
    },
  };
}

const fleet = [
  entry("b-ok", "ok", { tags: { environment: "prod" } }),
  entry("a-ok", "ok", { tags: { environment: "staging" } }),
  entry("warn", "warning", { memory: 500 }),
  entry("down", "unreachable", { memory: null }),
  entry("fire", "critical", { port: 7000 }),
];

describe("sortFleet", () => {
  it("puts the worst status first, then orders by name", () => {
    expect(sortFleet(fleet, DEFAULT_FLEET_SORT).map((e) => e.instance.name)).toEqual(["fire", "down", "warn", "a-ok", "b-ok"]);
  });
  it("keeps instances without a figure last in both directions", () => {
    expect(sortFleet(fleet, { key: "memory", dir: "desc" }).map((e) => e.instance.name).at(-1)).toBe("down");
    expect(sortFleet(fleet, { key: "memory", dir: "asc" }).map((e) => e.instance.name).at(-1)).toBe("down");
  });
  it("sorts addresses by port numerically", () => {
    expect(sortFleet(fleet, { key: "address", dir: "desc" })[0]?.instance.name).toBe("fire");
  });
});

describe("nextSort", () => {
  it("flips the direction on the same column and starts text columns A→Z", () => {
    expect(nextSort(DEFAULT_FLEET_SORT, "status")).toEqual({ key: "status", dir: "asc" });
    expect(nextSort(DEFAULT_FLEET_SORT, "name")).toEqual({ key: "name", dir: "asc" });
    expect(nextSort(DEFAULT_FLEET_SORT, "memory")).toEqual({ key: "memory", dir: "desc" });
  });
});

describe("filterFleet and tags", () => {
  it("lists each key=value once, sorted", () => {
    expect(tagPairs(fleet)).toEqual(["environment=prod", "environment=staging"]);
  });
  it("filters by tag and by name or address", () => {
    expect(filterFleet(fleet, { tag: "environment=prod" }).map((e) => e.instance.name)).toEqual(["b-ok"]);
    expect(filterFleet(fleet, { search: "FIRE" }).map((e) => e.instance.name)).toEqual(["fire"]);
    expect(filterFleet(fleet, { search: ":7000" }).map((e) => e.instance.name)).toEqual(["fire"]);
    expect(filterFleet(fleet, {})).toHaveLength(5);
  });
});

describe("countByStatus", () => {
  it("counts every status, zero included", () => {
    expect(countByStatus(fleet)).toEqual({ ok: 2, warning: 1, critical: 1, unreachable: 1 });
  });
});
