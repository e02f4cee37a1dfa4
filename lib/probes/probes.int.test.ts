// Every probe against real redis-server processes: a standalone with a password, a replica pair and
// a 3-master cluster. Never the developer's Redis on 6379 (the lab picks free ports).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLabClient, labCommand, sleep, startCluster, startReplicaPair, startStandalone, type RedisProcess, type Topology } from "@/lib/lab";
import { getConnectionManager } from "@/lib/redis/connection-manager";
import { labConfig } from "@/lib/testing/instance-config";
import type { InstanceConnectionConfig } from "@/lib/store/instances-repo";
import type { ClientsData } from "./clients";
import type { ClusterData } from "./cluster";
import type { ConfigAuditData } from "./config-audit";
import type { KeyspaceData } from "./keyspace";
import type { LatencyData } from "./latency";
import type { MemoryData } from "./memory";
import type { PersistenceData } from "./persistence";
import type { RedlineAccessData } from "./redline-access";
import { getProbe, PROBES, probeCatalog } from "./registry";
import type { ReplicationData } from "./replication";
import { runProbe } from "./run-probe";
import type { SlowlogData } from "./slowlog";
import type { ProbeResult } from "./types";

const PASSWORD = "lab-Secret-1";
/** Keeps sampling probes short; every other parameter is the probe's default. */
const FAST: Record<string, Record<string, number>> = { latency: { durationMs: 300 }, replication: { sampleMs: 300 } };

let standalone: Topology & { node: RedisProcess };
let pair: Topology & { master: RedisProcess; replica: RedisProcess };
let cluster: Topology;

const config = (node: RedisProcess, over: Partial<InstanceConnectionConfig> = {}) => labConfig(node, over);

async function run<D>(probeId: string, target: InstanceConnectionConfig, params: Record<string, unknown> = {}): Promise<ProbeResult<D>> {
  const probe = getProbe(probeId)!;
  const result = await runProbe(probe, target, probe.params.parse({ ...FAST[probeId], ...params }));
  return result as ProbeResult<D>;
}

const codes = (r: ProbeResult) => r.findings.map((f) => f.code);

beforeAll(async () => {
  [standalone, pair, cluster] = await Promise.all([
    startStandalone({ password: PASSWORD, aclUsers: [{ name: "noconfig", password: "pw-2", rules: "~* +@all -config" }] }),
    startReplicaPair(),
    startCluster({ masters: 3, replicasPerMaster: 1 }),
  ]);
});

afterAll(async () => {
  getConnectionManager().closeAll();
  await Promise.all([standalone?.stop(), pair?.stop(), cluster?.stop()]);
});

describe("standalone with a password", () => {
  let target: InstanceConnectionConfig;
  beforeAll(() => {
    target = config(standalone.node);
  });

  it("config-audit marks latency-monitor-threshold 0 as not recommended", async () => {
    const r = await run<ConfigAuditData>("config-audit", target);
    expect(r.error).toBeUndefined();
    expect(r.data.rows.find((row) => row.id === "latency-monitor-threshold")).toMatchObject({ current: "0", status: "warn", source: "config", node: standalone.node.host + ":" + standalone.node.port });
    expect(codes(r)).toContain("config.latency-monitor-threshold-not-recommended");
    expect(r.data.rows.find((row) => row.id === "busy-reply-threshold")!.name).toBe("busy-reply-threshold");
    expect(r.data.rows.find((row) => row.id === "activedefrag")!.status).toBe("ok");
  });

  it("config-audit falls back to INFO when CONFIG is renamed away or denied by ACL", async () => {
    for (const target2 of [config(standalone.node, { renamedCommands: { CONFIG: "" } }), config(standalone.node, { username: "noconfig", password: "pw-2" })]) {
      const r = await run<ConfigAuditData>("config-audit", target2);
      expect(r.error).toBeUndefined();
      expect(codes(r)).toContain("config.unreadable");
      expect(r.data.nodes[0]!.source).toBe("info");
      expect(r.data.rows.find((row) => row.id === "maxmemory")).toMatchObject({ current: "0", source: "info", status: "warn" });
    }
  });

  it("slowlog sees a slow script and a KEYS call made by another client", async () => {
    const client = createLabClient(standalone.node);
    try {
      await client.call("CONFIG", "SET", "slowlog-log-slower-than", "0");
      await client.call("CONFIG", "SET", "latency-monitor-threshold", "20");
      await client.call("CLIENT", "SETNAME", "slow-app");
      // A 120 ms busy loop: slow enough for the slow-command rule (100 ms) and the latency monitor.
      // Redis also logs each TIME the script calls, so KEYS comes after it to stay among the newest.
      await client.call("EVAL", "local t0=redis.call('TIME') local s=t0[1]*1000000+t0[2] while true do local t=redis.call('TIME') if t[1]*1000000+t[2]-s>120000 then break end end return 1", "0");
      await client.set("user:1", "x");
      await client.call("KEYS", "user:*");
    } finally {
      client.disconnect();
    }
    const r = await run<SlowlogData>("slowlog", target, { count: 64 });
    expect(r.error).toBeUndefined();
    const keys = r.data.rows.find((row) => row.command === "KEYS")!;
    expect(keys).toMatchObject({ key: "user:*", clientName: "slow-app", blocking: true });
    expect(keys.clientAddr).toMatch(/^127\.0\.0\.1:\d+$/);
    const evalRow = r.data.rows.find((row) => row.command === "EVAL")!;
    expect(evalRow.durationMs).toBeGreaterThanOrEqual(120);
    expect(evalRow.durationUs).toBe(Math.round(evalRow.durationMs * 1000));
    expect(r.data.nodes[0]).toMatchObject({ logSlowerThanUs: 0, maxLen: 128 });
    expect(r.findings.find((f) => f.code === "slowlog.blocking-command")).toMatchObject({ severity: "warning", evidence: { command: "KEYS", key: "user:*" } });
    expect(r.findings.find((f) => f.code === "slowlog.slow-command")).toMatchObject({ evidence: { command: "EVAL" } });
  });

  it("slowlog measures the keys of slow whole-collection reads: the big one is a bigkey.found, and not once it is gone", async () => {
    const client = createLabClient(standalone.node);
    const big = "rank:{season} 42";
    try {
      await client.call("CONFIG", "SET", "slowlog-log-slower-than", "1000");
      for (let first = 0; first < 150_000; first += 10_000) {
        const args = Array.from({ length: 10_000 }, (_, i) => [String(first + i), `member-${first + i}`]).flat();
        await client.call("ZADD", big, ...args);
      }
      await client.call("SLOWLOG", "RESET");
      // Read whole until Redis logs it (a loaded machine makes it slower, never faster than 1 ms).
      for (let i = 0; i < 3; i++) await client.call("ZRANGE", big, "0", "-1", "WITHSCORES");
    } finally {
      client.disconnect();
    }
    const r = await run<SlowlogData>("slowlog", target, { count: 64 });
    expect(r.error).toBeUndefined();
    expect(r.data.slowKeys).toEqual([expect.objectContaining({ key: big, command: "ZRANGE", type: "zset", elements: 150_000 })]);
    expect(r.data.slowKeys[0]!.bytes).toBeGreaterThan(5_000_000);
    expect(r.findings.find((f) => f.code === "bigkey.found")).toMatchObject({ severity: "warning", evidence: { key: big, type: "zset", elements: 150_000, command: "ZRANGE", source: "slowlog" } });

    // Gone since: measured as `none`, no finding.
    const cleanup = createLabClient(standalone.node);
    try {
      await cleanup.call("UNLINK", big);
    } finally {
      cleanup.disconnect();
    }
    const after = await run<SlowlogData>("slowlog", target, { count: 64 });
    expect(after.data.slowKeys[0]).toMatchObject({ key: big, type: "none" });
    expect(after.findings.map((f) => f.code)).not.toContain("bigkey.found");
  });

  it("latency returns percentiles, a histogram and the spike the latency monitor recorded", async () => {
    const r = await run<LatencyData>("latency", target);
    expect(r.error).toBeUndefined();
    const row = r.data.rows[0]!;
    expect(row.samples).toBeGreaterThan(5);
    expect(row.p50Ms).toBeGreaterThan(0);
    expect(row.p99Ms!).toBeGreaterThanOrEqual(row.p50Ms!);
    expect(row.maxMs!).toBeGreaterThanOrEqual(row.p99Ms!);
    expect(r.data.histogram.reduce((s, b) => s + b.count, 0)).toBe(row.samples);
    expect(r.data.events.find((e) => e.event === "command")!.maxMs).toBeGreaterThanOrEqual(100);
    expect(codes(r)).toContain("latency.event");
    // Hundreds of PINGs are one record in the evidence, not hundreds.
    expect(r.commands.filter((c) => c.argv[0] === "PING")).toHaveLength(1);
  });

  it("latency stops at the probe's deadline and says the result is partial", async () => {
    const probe = getProbe("latency")!;
    const r = (await runProbe(probe, target, probe.params.parse({ durationMs: 5_000 }), { budgetMs: 900 })) as ProbeResult<LatencyData>;
    expect(r.error).toBeUndefined();
    expect(r.partial).toBe(true);
    expect(r.data.rows[0]).toMatchObject({ partial: true });
    expect(r.data.rows[0]!.samples).toBeGreaterThan(0);
    expect(r.durationMs).toBeLessThan(900);
  });

  it("clients groups a named client and leaves Redline's own connections out", async () => {
    const client = createLabClient(standalone.node);
    try {
      await client.call("CLIENT", "SETNAME", "checkout-worker");
      const r = await run<ClientsData>("clients", target);
      expect(r.error).toBeUndefined();
      expect(r.data.byName.find((g) => g.key === "checkout-worker")).toMatchObject({ count: 1 });
      expect(r.data.rows.some((row) => row.name.startsWith("redline:"))).toBe(false);
      expect(r.data.summary.own).toBeGreaterThanOrEqual(1);
      expect(r.data.nodes[0]).toMatchObject({ maxclients: 10000, rejected: 0 });
      expect(r.data.nodes[0]!.headroom).toBeGreaterThan(9_000);
      expect(r.data.idleBuckets.reduce((s, b) => s + b.count, 0)).toBe(r.data.summary.clients);
    } finally {
      client.disconnect();
    }
  });

  it("memory, keyspace and persistence describe the lab server", async () => {
    const client = createLabClient(standalone.node);
    try {
      for (let i = 0; i < 40; i++) await (i < 10 ? client.set(`k:${i}`, "v", "EX", 600) : client.set(`k:${i}`, "v"));
      await client.get("k:1");
      await client.get("missing");
    } finally {
      client.disconnect();
    }
    const memory = await run<MemoryData>("memory", target);
    expect(memory.data.rows[0]).toMatchObject({ maxmemory: 0, maxmemoryPolicy: "noeviction" });
    expect(memory.data.rows[0]!.usedBytes).toBeGreaterThan(0);
    expect(memory.data.rows[0]!.allocator).toMatch(/\w/);
    expect(memory.data.stats.find((s) => s.field === "total.allocated")!.value).toBeGreaterThan(0);
    expect(codes(memory)).toContain("memory.no-maxmemory");

    const keyspace = await run<KeyspaceData>("keyspace", target);
    expect(keyspace.data.rows.find((row) => row.db === 0)!.keys).toBeGreaterThanOrEqual(40);
    expect(keyspace.data.rows.find((row) => row.db === 0)!.expires).toBeGreaterThanOrEqual(10);
    expect(keyspace.data.summary.hitRatioPct).not.toBeNull();

    const persistence = await run<PersistenceData>("persistence", target);
    expect(persistence.data.rows[0]).toMatchObject({ rdbLastBgsaveStatus: "ok", aofEnabled: false, save: "", writesRefused: false, dir: standalone.node.dir });
    expect(persistence.data.files.find((f) => f.kind === "aof-manifest")!.path).toBe(`${standalone.node.dir}/appendonlydir/appendonly.aof.manifest`);
    expect(codes(persistence)).toEqual(["persistence.disabled"]);
  });

  it("cluster on a standalone server is { enabled: false }, not an error", async () => {
    const r = await run<ClusterData>("cluster", target);
    expect(r.error).toBeUndefined();
    expect(r.data).toEqual({ enabled: false });
    expect(r.findings).toEqual([]);
  });
});

describe("replica pair", () => {
  it("replication measures the write rate and the frozen replica's gap while a client writes", async () => {
    const writer = createLabClient(pair.master);
    let writing = true;
    const loop = (async () => {
      for (let i = 0; writing; i++) {
        await writer.set(`w:${i % 200}`, "x".repeat(2048));
        await sleep(2);
      }
    })();
    pair.replica.freeze(); // no ACKs: the master sees the replica fall behind
    try {
      await sleep(300);
      const r = await run<ReplicationData>("replication", config(pair.master), { sampleMs: 500 });
      expect(r.error).toBeUndefined();
      const row = r.data.rows[0]!;
      expect(row).toMatchObject({ role: "master", connectedReplicas: 1, replBacklogSize: 1_048_576 });
      expect(row.writeRateBytesPerSec).toBeGreaterThan(10_000);
      expect(row.backlogCoversSeconds).toBeCloseTo(1_048_576 / row.writeRateBytesPerSec!, 0);
      expect(r.data.replicas).toHaveLength(1);
      expect(r.data.replicas[0]!.replica).toBe(`127.0.0.1:${pair.replica.port}`);
      expect(r.data.replicas[0]!.gapBytes).toBeGreaterThan(0);
      expect(r.data.replicas[0]!.gapPctOfBacklog).toBeGreaterThan(0);
      expect(codes(r)).toContain("replication.backlog-covers-short");
    } finally {
      pair.replica.thaw();
      writing = false;
      await loop;
      writer.disconnect();
    }
  });

  it("replication on the replica shows its link to the master", async () => {
    const r = await run<ReplicationData>("replication", config(pair.replica));
    expect(r.data.rows[0]).toMatchObject({ role: "slave", master: `127.0.0.1:${pair.master.port}` });
    expect(["up", "down"]).toContain(r.data.rows[0]!.masterLinkStatus);
  });
});

describe("cluster of 3 masters and 3 replicas", () => {
  let target: InstanceConnectionConfig;
  beforeAll(() => {
    target = config(cluster.nodes[0]!, { mode: "cluster" });
  });

  it("cluster sees 3 masters from 6 observers with no conflicts", async () => {
    const r = await run<ClusterData>("cluster", target);
    expect(r.error).toBeUndefined();
    if (!r.data.enabled) throw new Error("expected cluster data");
    expect(r.data.summary).toMatchObject({ observers: 6, observersFailed: 0, masters: 3, replicas: 3, conflictSlots: 0, disputedSlots: 0, unassignedSlots: 0, nodeSetAgrees: true });
    expect(r.data.rows).toHaveLength(3);
    expect(r.data.rows.every((row) => row.agreed && row.owner)).toBe(true);
    expect(r.data.observers.every((o) => "state" in o && o.state === "ok")).toBe(true);
    expect(r.findings).toEqual([]);
    expect(r.partial).toBe(false);
  });

  it("fans out per node and says which node each row is from", async () => {
    const keyspace = await run<KeyspaceData>("keyspace", target);
    expect(keyspace.data.nodes).toHaveLength(3);
    const slowlog = await run<SlowlogData>("slowlog", target);
    expect(new Set(slowlog.data.nodes.map((n) => n.node)).size).toBe(6);
    const replication = await run<ReplicationData>("replication", target);
    expect(replication.data.summary).toMatchObject({ masters: 3, replicas: 3 });
    expect(replication.data.replicas).toHaveLength(3);
    // A cluster replica's first sync refuses one partial resync; that is not a replica falling off the backlog.
    expect(replication.findings).toEqual([]);
    // Six nodes sampled at once: still one PING record per node.
    const latency = await run<LatencyData>("latency", target);
    expect(latency.data.rows.every((row) => (row.samples ?? 0) > 0)).toBe(true);
    expect(latency.commands.filter((c) => c.argv[0] === "PING")).toHaveLength(6);
    // One finding per code for the whole cluster, naming its nodes.
    const memory = await run<MemoryData>("memory", target);
    expect(memory.findings.filter((f) => f.code === "memory.no-maxmemory")).toMatchObject([{ evidence: { nodes: 6 } }]);
  });
});

describe("Redline's own access", () => {
  it("the suggested least-privilege user runs every probe, and the check finds nothing lacking or too broad", async () => {
    const asDefault = await run<RedlineAccessData>("redline-access", config(standalone.node), { username: "redline-ro" });
    expect(asDefault.error).toBeUndefined();
    expect(asDefault.data.summary).toMatchObject({ user: "default", lacking: 0 });
    expect(asDefault.data.rows[0]!.tooBroad).toEqual(expect.arrayContaining(["FLUSHALL", "CONFIG SET", "KEYS"]));
    expect(codes(asDefault)).toEqual(["access.redline-too-broad"]);

    // Create the user exactly as suggested (password filled in) and use it for every probe.
    const argv = asDefault.data.suggested.probes.replace(">CHANGE-ME", ">ro-Secret-3").split(" ");
    await labCommand(standalone.node, argv, { password: PASSWORD });
    const asRedline = config(standalone.node, { username: "redline-ro", password: "ro-Secret-3" });
    for (const probe of PROBES) {
      const r = await run(probe.id, asRedline);
      expect(r.error, `${probe.id} as redline-ro`).toBeUndefined();
      // No command of the probe was refused (a refused optional read would not fail the probe).
      expect(r.commands.filter((c) => /NOPERM|no permissions/.test(JSON.stringify(c))), probe.id).toEqual([]);
    }
    const own = await run<RedlineAccessData>("redline-access", asRedline);
    expect(own.data.rows[0]).toMatchObject({ user: "redline-ro", lacking: [], tooBroad: [] });
    expect(own.findings).toEqual([]);
  });

  it("names what a user without CONFIG lacks", async () => {
    const r = await run<RedlineAccessData>("redline-access", config(standalone.node, { username: "noconfig", password: "pw-2" }));
    expect(r.data.rows[0]!.lacking.map((l) => l.rule)).toEqual(["+config|get"]);
    expect(r.findings.find((f) => f.code === "access.redline-lacks-commands")).toMatchObject({ severity: "warning", evidence: { user: "noconfig", lacking: "+config|get" } });
  });
});

describe("every probe", () => {
  it("is in the catalog with a JSON schema for its parameters", () => {
    const catalog = probeCatalog();
    expect(catalog.map((p) => p.id)).toEqual(PROBES.map((p) => p.id));
    expect(catalog).toHaveLength(18);
    for (const p of catalog) {
      expect(p.params).toMatchObject({ type: "object" });
      expect(p.redisCli).toMatch(/redis-cli/);
    }
  });

  it("runs on standalone, replica and cluster with JSON-serializable results", async () => {
    const targets = [config(standalone.node), config(pair.replica), config(cluster.nodes[0]!, { mode: "cluster" })];
    for (const target of targets) {
      for (const probe of PROBES) {
        const r = await run(probe.id, target);
        expect(r.error, `${probe.id} on ${target.port}`).toBeUndefined();
        expect(JSON.parse(JSON.stringify(r))).toEqual(r);
      }
    }
  });

  it("a stopped node is redis_unreachable, never a throw; a stopped cluster node is a partial row", async () => {
    const gone = await startStandalone();
    const target = config(gone.node);
    await gone.stop();
    for (const id of ["memory", "slowlog", "cluster"]) {
      const r = await run(id, target);
      expect(r.error?.code, id).toBe("redis_unreachable");
      expect(r.partial).toBe(true);
    }

    const replicaNode = (await Promise.all(cluster.nodes.map(async (n) => ({ n, role: String(await labCommand(n, ["ROLE"]).then((x) => (x as unknown[])[0])) })))).find((x) => x.role === "slave")!.n;
    const clusterTarget = config(cluster.nodes.find((n) => n !== replicaNode)!, { mode: "cluster" });
    await replicaNode.stop();
    const r = await run<MemoryData>("memory", clusterTarget);
    expect(r.error).toBeUndefined();
    expect(r.partial).toBe(true);
    expect(r.data.rows.find((row) => row.node === `127.0.0.1:${replicaNode.port}`)!.error!.code).toBe("redis_unreachable");
    expect(r.data.rows.filter((row) => !row.error)).toHaveLength(5);
  });
});
