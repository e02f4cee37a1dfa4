// The Redis layer against real redis-server processes: topologies, credentials, renamed commands,
// the two-connection limit, and every failure class DESIGN.md names.
import { afterAll, describe, expect, it } from "vitest";
import type { Redis } from "ioredis";
import { createLabClient, findFreePort, labCommand, startCluster, startRedis, startReplicaPair, startStandalone, waitUntil } from "@/lib/lab";
import { getConnectionManager } from "@/lib/redis/connection-manager";
import { KEY } from "@/lib/redis/command-runner";
import { getInstanceHealth } from "@/lib/metrics/health-service";
import { collectNodeSnapshot } from "@/lib/metrics/collect-snapshot";
import { labConfig } from "@/lib/testing/instance-config";
import { parseClientList } from "@/lib/parse/client-list";

const stops: Array<() => Promise<void>> = [];
afterAll(async () => {
  getConnectionManager().closeAll();
  for (const stop of stops.reverse()) await stop();
});

async function redlineClients(node: { host: string; port: number; password?: string }) {
  const list = parseClientList(await labCommand(node, ["CLIENT", "LIST"]));
  return list.filter((c) => c.name.startsWith("redline:"));
}

describe("standalone with a password and an ACL user", () => {
  it("reads health with the right password, classifies a wrong one, logs in an ACL user", async () => {
    const lab = await startStandalone({ password: "s3cret-pw", aclUsers: [{ name: "ops", password: "ops-pw", rules: "~* +@all -config" }] });
    stops.push(lab.stop);

    const good = await getInstanceHealth(labConfig(lab.node));
    expect(good.status).toBe("ok");
    expect(good.summary.version).toMatch(/^7\./);
    expect(good.summary.role).toBe("master");

    const wrong = await getInstanceHealth(labConfig(lab.node, { password: "nope" }));
    expect(wrong.status).toBe("unreachable");
    expect(wrong.reason?.code).toBe("redis_auth_failed");
    expect(JSON.stringify(wrong)).not.toContain("s3cret-pw");

    // The ACL user may not run CONFIG: health still works and says the settings are unreadable.
    const conns = getConnectionManager().forInstance(labConfig(lab.node, { username: "ops", password: "ops-pw" }));
    const snap = await collectNodeSnapshot(conns.runner(undefined));
    expect(snap.info.fields.redis_version).toMatch(/^7\./);
    expect(snap.configError).toMatch(/NOPERM|permission/i);
  });

  it("holds at most two named connections per instance, however many requests", async () => {
    const lab = await startStandalone();
    stops.push(lab.stop);
    const config = labConfig(lab.node);
    const conns = getConnectionManager().forInstance(config);
    conns.warm();
    await Promise.all(Array.from({ length: 20 }, () => getInstanceHealth(config, { fresh: true })));
    await conns.reserved().call(["PING"]);
    const ours = await redlineClients(lab.node);
    expect(ours.map((c) => c.name).sort()).toEqual(["redline:probe", "redline:reserved"]);
  });
});

describe("renamed CONFIG command", () => {
  it("uses the renamed name, and reports a disabled command without the mapping", async () => {
    const lab = await startStandalone({ args: ["--rename-command", "CONFIG", "CONFIG-ADMIN"] });
    stops.push(lab.stop);
    const mapped = getConnectionManager().forInstance(labConfig(lab.node, { renamedCommands: { CONFIG: "CONFIG-ADMIN" } }));
    const snap = await collectNodeSnapshot(mapped.runner(undefined));
    expect(snap.config.maxclients).toBe("10000");
    expect(snap.configError).toBeUndefined();

    const unmapped = getConnectionManager().forInstance(labConfig(lab.node));
    const snap2 = await collectNodeSnapshot(unmapped.runner(undefined));
    expect(snap2.config).toEqual({});
    expect(snap2.configError).toMatch(/unknown command/i);

    const disabled = getConnectionManager().forInstance(labConfig(lab.node, { renamedCommands: { CONFIG: "" } }));
    await expect(disabled.runner(undefined).call(["CONFIG", "GET", "maxclients"])).rejects.toMatchObject({ code: "redis_command_disabled" });
  });
});

describe("replica pair", () => {
  it("sees the master with its replica and the replica's link", async () => {
    const lab = await startReplicaPair({ password: "pair-pw" });
    stops.push(lab.stop);
    const [master, replica] = lab.nodes;
    const m = await getInstanceHealth(labConfig(master!));
    expect(m.summary.role).toBe("master");
    expect(m.nodes[0]!.snapshot!.info.replicas).toHaveLength(1);
    const r = await getInstanceHealth(labConfig(replica!));
    expect(r.summary.role).toBe("replica");
    expect(r.nodes[0]!.signals!["replication.link_down"]).toBe(0);
    expect(r.status).toBe("ok");
  });
});

describe("sentinel", () => {
  it("discovers the master and its replica through a sentinel, and reads the master's health", async () => {
    const pair = await startReplicaPair({ password: "sentinel-pw" });
    stops.push(pair.stop);
    const sentinel = await startRedis({
      args: ["--sentinel", "--sentinel", "monitor", "orders", pair.master.host, String(pair.master.port), "1", "--sentinel", "auth-pass", "orders", "sentinel-pw"],
    });
    stops.push(sentinel.stop);
    const config = labConfig({ host: sentinel.host, port: sentinel.port, password: "sentinel-pw" }, { mode: "sentinel", sentinelMaster: "orders" });
    // The sentinel learns the replica from the master's INFO within a few seconds.
    await waitUntil(
      async () => ((await getConnectionManager().forInstance(config).topology({ fresh: true })).nodes.length === 2 ? true : "replica not known yet"),
      { timeoutMs: 15_000, what: "sentinel knows the replica" },
    );
    const health = await getInstanceHealth(config, { fresh: true });
    expect(health.nodes.map((n) => [n.node.port, n.node.role])).toEqual([
      [pair.master.port, "master"],
      [pair.replica.port, "replica"],
    ]);
    expect(health.status).toBe("ok");
    expect(health.summary.role).toBe("master");
  });
});

describe("cluster", () => {
  it("discovers every node and reads each one on its own connection", async () => {
    const lab = await startCluster({ masters: 3, replicasPerMaster: 1 });
    stops.push(lab.stop);
    const seed = lab.nodes[0]!;
    const config = labConfig(seed, { mode: "cluster" });
    const health = await getInstanceHealth(config);
    expect(health.nodes).toHaveLength(6);
    expect(health.nodes.filter((n) => n.node.role === "master")).toHaveLength(3);
    expect(health.nodes.filter((n) => n.node.role === "master").reduce((a, n) => a + (n.node.slots ?? 0), 0)).toBe(16384);
    for (const n of health.nodes) expect(n.snapshot!.node).toBe(n.node.address);
    expect(health.summary.role).toBe("cluster · 3 masters");
    expect(health.findings).toEqual([]);
    expect(health.status).toBe("ok");
    // Two connections at most on every node, no more.
    for (const node of lab.nodes) expect((await redlineClients(node)).length).toBeLessThanOrEqual(2);
  });
});

describe("pipeline timeout", () => {
  it("a batch sent with one timer instead of one per command still fails within the command timeout, and the connection recovers", async () => {
    const lab = await startStandalone();
    stops.push(lab.stop);
    const config = labConfig(lab.node);
    const conns = getConnectionManager().forInstance(config);
    const runner = conns.runner(undefined);
    const keys = Array.from({ length: 2_000 }, (_, i) => `k:${i}`);
    expect(await runner.pipelineKeys([["TYPE", KEY]], keys)).toHaveLength(keys.length);
    const pauser = createLabClient(lab.node);
    await pauser.call("CLIENT", "PAUSE", "1500", "ALL");
    pauser.disconnect();
    const t0 = performance.now();
    await expect(runner.pipelineKeys([["TYPE", KEY]], keys, { timeoutMs: 300 })).rejects.toMatchObject({ code: "redis_timeout" });
    expect(performance.now() - t0).toBeLessThan(1_200);
    // Commands sent after the batch still carry their own timeout.
    await expect(runner.call(["PING"], { timeoutMs: 300 })).rejects.toMatchObject({ code: "redis_timeout" });
    await waitUntil(async () => (await runner.call(["PING"])) === "PONG" || "paused", { timeoutMs: 5_000, what: "the pause to end" });
    const replies = await runner.pipelineKeys([["TYPE", KEY]], ["k:1"]);
    expect(replies).toEqual([[null, "none"]]);
  });
});

describe("failure classes", () => {
  it("unreachable port", async () => {
    const port = await findFreePort();
    const health = await getInstanceHealth(labConfig({ host: "127.0.0.1", port }));
    expect(health.status).toBe("unreachable");
    expect(health.reason?.code).toBe("redis_unreachable");
    expect(health.durationMs).toBeLessThan(4000);
  });

  it("BUSY script: classified as busy, and the reserved connection can still SCRIPT KILL", async () => {
    const lab = await startStandalone({ args: ["--busy-reply-threshold", "100"] });
    stops.push(lab.stop);
    const config = labConfig(lab.node);
    const conns = getConnectionManager().forInstance(config);
    conns.warm();
    await waitUntil(async () => (await redlineClients(lab.node)).length === 2 || "not yet", { timeoutMs: 5000, what: "Redline connections open" });
    const scripter = createLabClient(lab.node);
    const running = scripter.eval("while true do end", 0).catch((e: Error) => e);
    await new Promise((r) => setTimeout(r, 400));
    try {
      const health = await getInstanceHealth(config, { fresh: true });
      expect(health.status).toBe("critical");
      expect(health.findings[0]).toMatchObject({ code: "lua.busy", evidence: { error: "redis_busy_script", playbook: "lua-busy" } });
      await expect(conns.runner(undefined).call(["PING"])).rejects.toMatchObject({ code: "redis_busy_script" });
      await conns.reserved(undefined, { allow: "mutating" }).call(["SCRIPT", "KILL"]);
      expect(String(await running)).toMatch(/killed/i);
      expect(await conns.runner(undefined).call(["PING"])).toBe("PONG");
    } finally {
      scripter.disconnect();
    }
  });

  it("maxclients reached: a new connection is refused and classified, a warm one keeps working", async () => {
    const lab = await startStandalone({ args: ["--maxclients", "12"] });
    stops.push(lab.stop);
    const warmConfig = labConfig(lab.node);
    const warm = getConnectionManager().forInstance(warmConfig);
    warm.warm();
    await waitUntil(async () => (await redlineClients(lab.node)).length === 2 || "not yet", { timeoutMs: 5000, what: "Redline connections open" });
    const fillers: Redis[] = [];
    for (;;) {
      const c = createLabClient(lab.node);
      try {
        await c.connect();
        await c.ping();
        fillers.push(c);
      } catch {
        c.disconnect();
        break;
      }
    }
    try {
      const cold = await getInstanceHealth(labConfig(lab.node));
      expect(cold.status).toBe("unreachable");
      expect(cold.reason?.code).toBe("redis_max_clients");

      const health = await getInstanceHealth(warmConfig, { fresh: true });
      expect(health.status).toBe("critical");
      expect(health.findings.map((f) => f.code)).toEqual(expect.arrayContaining(["clients.near-maxclients", "clients.rejected"]));
    } finally {
      for (const c of fillers) c.disconnect();
    }
  });

  it("MISCONF: writes and PING refused, yet health reads the server and names the failed save", async () => {
    const lab = await startStandalone({ args: ["--enable-protected-configs", "yes"] });
    stops.push(lab.stop);
    // A save into /proc fails: rdb_last_bgsave_status:err, and with save points configured
    // stop-writes-on-bgsave-error (the default) makes the server refuse writes and PING with MISCONF.
    await labCommand(lab.node, ["SET", "k", "v"]);
    await labCommand(lab.node, ["CONFIG", "SET", "save", "900 1"]); // MISCONF needs save points
    await labCommand(lab.node, ["CONFIG", "SET", "dir", "/proc"]);
    await labCommand(lab.node, ["BGSAVE"]);
    await waitUntil(async () => String(await labCommand(lab.node, ["INFO", "persistence"])).includes("rdb_last_bgsave_status:err") || "save not failed yet", { timeoutMs: 5000, what: "failed BGSAVE" });
    await expect(labCommand(lab.node, ["PING"])).rejects.toThrow(/MISCONF/);
    const health = await getInstanceHealth(labConfig(lab.node), { fresh: true });
    expect(health.status).toBe("critical");
    expect(health.findings.map((f) => f.code)).toContain("persistence.bgsave-failed");
    // Without save points the shutdown does not try (and fail) to save, so stop() is quick.
    await labCommand(lab.node, ["CONFIG", "SET", "save", ""]);
  });
});
