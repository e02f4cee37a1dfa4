// Metrics history on both stores: 1-minute rollups written in one batch (idempotent), read back for
// long windows, pruned past retention; markers; alerts with at most one open per rule and node.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { STORE_BACKENDS, type OpenedStore } from "@/lib/testing/store-targets";
import { labConfig } from "@/lib/testing/instance-config";
import { ConnectionManager } from "@/lib/redis/connection-manager";
import { readRollups } from "@/lib/store/metric-rollups-repo";
import { insertMarkers, readMarkers } from "@/lib/store/metric-markers-repo";
import { insertAlert, listAlerts, listOpenAlerts, updateAlert } from "@/lib/store/alerts-repo";
import type { AlertRecord } from "./alert-state";
import type { InstanceSampler } from "./instance-sampler";
import { instanceMetrics } from "./metrics-query";
import { flushRollups, pruneHistory } from "./rollups";
import { Sampler } from "./sampler";
import { SeriesRing } from "./series-ring";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const NOW = Math.floor(Date.now() / MINUTE) * MINUTE;

/** What flushRollups reads of an instance sampler: its id and its nodes' rings. */
function fakeInstance(id: string, rings: Record<string, SeriesRing>): InstanceSampler {
  return { config: labConfig({ host: "127.0.0.1", port: 1 }, { id }), nodes: new Map(Object.entries(rings).map(([a, ring]) => [a, { ring }])) } as unknown as InstanceSampler;
}

function alert(over: Partial<AlertRecord>): AlertRecord {
  return {
    id: randomBytes(8).toString("hex"),
    instanceId: "i1",
    ruleId: "clients-warning",
    node: "127.0.0.1:7000",
    severity: "warning",
    findingCode: "clients.near-maxclients",
    playbook: "connection-exhaustion",
    state: "pending",
    value: 85,
    threshold: 80,
    message: "85% of maxclients in use",
    startedAt: NOW - 5_000,
    firedAt: null,
    resolvedAt: null,
    ...over,
  };
}

describe.each(STORE_BACKENDS)("metrics history on %s", (_backend, openStore) => {
  let store: OpenedStore;
  beforeEach(async () => {
    store = await openStore();
  });
  afterEach(async () => {
    await store.cleanup();
  });

  it("writes one row per series per node per minute, idempotently, and reads long windows as buckets", async () => {
    const ring = new SeriesRing(1_000);
    // Three minutes of 2 s samples, a per-replica series in the middle minute only.
    for (let t = NOW - 3 * MINUTE; t < NOW; t += 2_000) {
      const minute = Math.floor((t - (NOW - 3 * MINUTE)) / MINUTE);
      ring.push(t, { "clients.connected": 10 + minute, ...(minute === 1 ? { "replication.replica_gap_bytes|replica=10.0.0.2:6379": 500 } : {}) });
    }
    const instances = [fakeInstance("i1", { "127.0.0.1:7000": ring })];
    expect(await flushRollups(store.db, instances, NOW - 3 * MINUTE, NOW)).toBe(4);
    await flushRollups(store.db, instances, NOW - 3 * MINUTE, NOW);
    const rows = await readRollups(store.db, { instanceId: "i1", from: 0, to: NOW + 1 });
    expect(rows).toHaveLength(4);
    expect(rows.filter((r) => r.series === "clients.connected").map((r) => [Number(r.minute), r.min, r.avg, r.max, r.n])).toEqual([
      [NOW - 3 * MINUTE, 10, 10, 10, 30],
      [NOW - 2 * MINUTE, 11, 11, 11, 30],
      [NOW - MINUTE, 12, 12, 12, 30],
    ]);

    const sampler = undefined;
    const config = labConfig({ host: "127.0.0.1", port: 1 }, { id: "i1" });
    const six = await instanceMetrics({ db: store.db, sampler }, config, { window: "6h" }, NOW);
    expect(six).toMatchObject({ source: "rollups", intervalMs: MINUTE });
    expect(six.series.map((s) => [s.id, s.labels, s.shape, s.points.length])).toEqual([
      ["clients.connected", undefined, "range", 3],
      ["replication.replica_gap_bytes", { replica: "10.0.0.2:6379" }, "range", 1],
    ]);
    const week = await instanceMetrics({ db: store.db, sampler }, config, { window: "7d", series: ["replication.replica_gap_bytes"] }, NOW);
    expect(week.intervalMs).toBe(17 * MINUTE);
    expect(week.series.map((s) => s.id)).toEqual(["replication.replica_gap_bytes"]);
  });

  it("the sampler flushes each complete minute once", async () => {
    const sampler = new Sampler({ db: store.db, key: randomBytes(32), manager: new ConnectionManager() });
    const ring = new SeriesRing(100);
    ring.push(NOW + 1_000, { "clients.connected": 3 });
    ring.push(NOW + 61_000, { "clients.connected": 4 });
    sampler.instances.set("i2", fakeInstance("i2", { "n:1": ring }));
    expect(await sampler.flush(NOW + 30_000)).toBe(0); // the minute is not over
    expect(await sampler.flush(NOW + 65_000)).toBe(1);
    expect(await sampler.flush(NOW + 70_000)).toBe(0);
    expect(await sampler.flush(NOW + 125_000)).toBe(1);
  });

  it("prunes rollups and markers past retention, resolved alerts past 30 days, never open alerts", async () => {
    const old = NOW - 8 * DAY;
    const ring = new SeriesRing(10);
    ring.push(old, { "clients.connected": 1 });
    ring.push(NOW - MINUTE, { "clients.connected": 2 });
    await flushRollups(store.db, [fakeInstance("i1", { n: ring })], old, NOW);
    await insertMarkers(store.db, "i1", [
      { t: old, kind: "restart", node: "n", detail: "old" },
      { t: NOW - MINUTE, kind: "failover", node: "n", detail: "new" },
    ]);
    await insertAlert(store.db, alert({ state: "resolved", firedAt: NOW - 40 * DAY, resolvedAt: NOW - 31 * DAY, startedAt: NOW - 40 * DAY }));
    await insertAlert(store.db, alert({ state: "resolved", ruleId: "memory-warning", firedAt: NOW - 9 * DAY, resolvedAt: NOW - 8 * DAY }));
    await insertAlert(store.db, alert({ state: "firing", ruleId: "ping-p99", startedAt: NOW - 60 * DAY, firedAt: NOW - 60 * DAY }));

    await pruneHistory(store.db, NOW, 7);
    expect((await readRollups(store.db, { instanceId: "i1", from: 0, to: NOW + 1 })).map((r) => Number(r.minute))).toEqual([NOW - MINUTE]);
    expect((await readMarkers(store.db, "i1", 0, NOW + 1)).map((m) => m.detail)).toEqual(["new"]);
    expect((await listAlerts(store.db, {})).map((a) => a.ruleId).sort()).toEqual(["memory-warning", "ping-p99"]);
  });

  it("keeps at most one open alert per rule and node, lists firing first", async () => {
    const pending = alert({});
    await insertAlert(store.db, pending);
    await expect(insertAlert(store.db, alert({}))).rejects.toThrow();
    await insertAlert(store.db, alert({ node: "127.0.0.1:7001", state: "firing", firedAt: NOW }));
    await updateAlert(store.db, { ...pending, state: "resolved", firedAt: NOW - 1_000, resolvedAt: NOW });
    // Resolved, the same rule and node may open again.
    await insertAlert(store.db, alert({ startedAt: NOW + 1 }));
    expect((await listOpenAlerts(store.db)).map((a) => a.state).sort()).toEqual(["firing", "pending"]);
    expect((await listAlerts(store.db, { instanceId: "i1" })).map((a) => a.state)).toEqual(["firing", "pending", "resolved"]);
    expect(await listAlerts(store.db, { states: ["resolved"] })).toMatchObject([{ value: 85, threshold: 80, resolvedAt: NOW, firedAt: NOW - 1_000 }]);
  });
});
