// The sampler against real redis-servers: series and markers for a standalone, a replica pair and a
// cluster; sampler-fed health; a restart on the same port shows as a restart marker; a frozen
// instance never delays the others.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCluster, startRedis, startReplicaPair, startStandalone, stopAll, waitUntil, type RedisProcess, type Topology } from "@/lib/lab";
import { openSqliteStore, type OpenedStore } from "@/lib/testing/store-targets";
import { readMarkers } from "@/lib/store/metric-markers-repo";
import { instanceMetrics } from "./metrics-query";
import { sampledHealth } from "./sampled-health";
import { testSampler, type TestSampler } from "@/lib/testing/sampler-harness";

describe("sampler over a standalone, a replica pair and a cluster", () => {
  let store: OpenedStore;
  let t: TestSampler;
  let standalone: RedisProcess;
  let pair: Awaited<ReturnType<typeof startReplicaPair>>;
  let cluster: Topology;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    let single: Awaited<ReturnType<typeof startStandalone>>;
    [store, single, pair, cluster] = await Promise.all([openSqliteStore(), startStandalone(), startReplicaPair(), startCluster({ nodeTimeoutMs: 2_000 })]);
    standalone = single.node;
    t = testSampler(store.db);
    await t.sampler.start();
    ids.standalone = await t.register({ name: "solo", host: standalone.host, port: standalone.port });
    ids.master = await t.register({ name: "primary", host: pair.master.host, port: pair.master.port });
    ids.cluster = await t.register({ name: "cluster", host: cluster.nodes[0]!.host, port: cluster.nodes[0]!.port, mode: "cluster" });
    await Promise.all(Object.values(ids).map((id) => t.samples(id, 4)));
  });

  afterAll(async () => {
    await t?.stop();
    await stopAll();
    await store?.cleanup();
  });

  it("derives the series of a standalone, rates included", () => {
    const node = [...t.sampler.instances.get(ids.standalone!)!.nodes.values()][0]!;
    expect(node.ring.keys()).toEqual(expect.arrayContaining(["ops.per_sec", "memory.used_bytes", "memory.fragmentation_ratio", "clients.connected", "latency.ping_ms", "latency.ping_p99_ms", "keyspace.keys"]));
    const ops = node.ring.points("ops.per_sec").map(([, v]) => v).filter((v) => v !== null);
    // Redline's own commands: a few per tick, every tick.
    expect(ops.length).toBeGreaterThanOrEqual(3);
    expect(Math.min(...(ops as number[]))).toBeGreaterThan(0);
    expect(node.latest!.signals["clients.connected"]).toBeGreaterThanOrEqual(2);
  });

  it("keeps a gap series per replica on the master", () => {
    const node = [...t.sampler.instances.get(ids.master!)!.nodes.values()][0]!;
    expect(node.ring.keys()).toContain(`replication.replica_gap_bytes|replica=127.0.0.1:${pair.replica.port}`);
    expect(node.ring.keys()).toContain("replication.backlog_used_pct");
  });

  it("samples every node of the cluster and compares their CLUSTER NODES views", async () => {
    const instance = t.sampler.instances.get(ids.cluster!)!;
    expect(instance.nodes.size).toBe(6);
    await waitUntil(async () => ("cluster.conflict_slots" in instance.instanceSignals ? true : "no cluster round yet"), { timeoutMs: 15_000, what: "a CLUSTER NODES round" });
    expect(instance.instanceSignals["cluster.conflict_slots"]).toBe(0);
    // Two connections per node at most: probe + reserved.
    expect(t.manager.forInstance(instance.config).connectionCount()).toBeLessThanOrEqual(12);
  });

  it("feeds health from fresh samples, with the sampler's rates among the signals", () => {
    const config = t.sampler.instances.get(ids.cluster!)!.config;
    const health = sampledHealth(config, t.sampler)!;
    expect(health).toMatchObject({ source: "sampler", summary: { nodes: 6, nodesReachable: 6 } });
    // Warnings are possible on a loaded test machine (a PING over 50 ms); nothing worse.
    expect(["ok", "warning"], health.findings.map((f) => f.code).join(", ")).toContain(health.status);
    expect(health.nodes[0]!.signals).toHaveProperty("latency.ping_p99_ms");
    // Stale samples are not used: an hour later the caller reads live.
    expect(sampledHealth(config, t.sampler, Date.now() + 3_600_000)).toBeUndefined();
  });

  it("answers the metrics API from the ring with thresholds from the rule table", async () => {
    const config = t.sampler.instances.get(ids.standalone!)!.config;
    const m = await instanceMetrics({ db: store.db, sampler: t.sampler }, config, { window: "15m", series: ["memory.fragmentation_ratio", "ops.per_sec"] });
    expect(m).toMatchObject({ source: "ring", intervalMs: 500 });
    expect(m.series.map((s) => s.id)).toEqual(["ops.per_sec", "memory.fragmentation_ratio"]);
    const frag = m.series[1]!;
    expect(frag).toMatchObject({ unit: "ratio", shape: "value", node: `127.0.0.1:${standalone.port}` });
    expect(frag.thresholds).toEqual([
      { value: 1.5, severity: "warning", ruleId: "fragmentation-warning" },
      { value: 2, severity: "critical", ruleId: "fragmentation-critical" },
    ]);
    expect(frag.points.length).toBeGreaterThanOrEqual(4);
  });

  it("draws a restart marker when the server comes back on the same port with a new run_id", async () => {
    const port = standalone.port;
    await standalone.stop();
    standalone = await startRedis({ port });
    await waitUntil(
      async () => {
        const markers = await readMarkers(store.db, ids.standalone!, 0, Date.now() + 1);
        return markers.some((m) => m.kind === "restart") ? true : `markers: ${markers.map((m) => m.kind).join(",") || "none"}`;
      },
      { timeoutMs: 15_000, what: "a restart marker" },
    );
    const config = t.sampler.instances.get(ids.standalone!)!.config;
    const m = await instanceMetrics({ db: store.db, sampler: t.sampler }, config, { window: "15m" });
    expect(m.markers).toEqual([expect.objectContaining({ kind: "restart", node: `127.0.0.1:${port}`, detail: expect.stringMatching(/^run_id \w{8} → \w{8}/) })]);
  });
});

describe("a frozen instance", () => {
  let store: OpenedStore;
  let t: TestSampler;
  let frozen: RedisProcess;
  let healthy: RedisProcess;

  beforeAll(async () => {
    let a: Awaited<ReturnType<typeof startStandalone>>;
    let b: Awaited<ReturnType<typeof startStandalone>>;
    [store, a, b] = await Promise.all([openSqliteStore(), startStandalone(), startStandalone()]);
    frozen = a.node;
    healthy = b.node;
    t = testSampler(store.db);
    await t.sampler.start();
  });

  afterAll(async () => {
    frozen?.thaw();
    await t?.stop();
    await stopAll();
    await store?.cleanup();
  });

  it("never delays the others' ticks and is reported unreachable", async () => {
    const frozenId = await t.register({ name: "frozen", host: frozen.host, port: frozen.port });
    const healthyId = await t.register({ name: "healthy", host: healthy.host, port: healthy.port });
    await Promise.all([t.samples(frozenId, 2), t.samples(healthyId, 2)]);
    frozen.freeze();
    const since = Date.now();
    await new Promise((r) => setTimeout(r, 5_000));
    const node = [...t.sampler.instances.get(healthyId)!.nodes.values()][0]!;
    const times = node.ring.points("latency.ping_ms", since).map(([time]) => time);
    const gaps = times.slice(1).map((x, i) => x - times[i]!);
    expect(times.length).toBeGreaterThanOrEqual(8);
    // 500 ms schedule; a hung neighbour (1 s command timeout) must not stretch it.
    expect(Math.max(...gaps)).toBeLessThan(900);
    const stuck = [...t.sampler.instances.get(frozenId)!.nodes.values()][0]!;
    expect(stuck.latest!.error?.code).toBe("redis_timeout");
    expect(stuck.latest!.signals).toEqual({ "server.unreachable": 1 });
    // SIGCONT: the sampler picks the node up again by itself.
    frozen.thaw();
    await waitUntil(async () => (stuck.latest && !stuck.latest.error ? true : `still ${stuck.latest?.error?.code}`), { timeoutMs: 15_000, what: "sampling to recover after SIGCONT" });
  });
});
