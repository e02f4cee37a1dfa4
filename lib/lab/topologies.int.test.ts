// The lab against real redis-server processes: each topology comes up usable, secured as asked,
// and leaves no process or temp dir behind once stopped.
import "server-only";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  labCommand,
  startCluster,
  startRedis,
  startReplicaPair,
  startStandalone,
  stopAll,
  trackedPids,
  withLabClient,
  type RedisProcess,
  type Topology,
} from "./index";
import { isAlive } from "@/lib/lab/scenarios/support/scenario-processes";

const PASSWORD = "lab-secret";


function field(info: unknown, name: string): string | undefined {
  return new RegExp(`^${name}:(.*?)\\r?$`, "m").exec(String(info))?.[1];
}

describe("lab topologies", () => {
  let standalone: Awaited<ReturnType<typeof startStandalone>>;
  let pair: Awaited<ReturnType<typeof startReplicaPair>>;
  let cluster: Topology;

  beforeAll(async () => {
    [standalone, pair, cluster] = await Promise.all([
      startStandalone({
        password: PASSWORD,
        aclUsers: [{ name: "reader", password: "reader-pw", rules: "~* +@read +ping +acl|whoami" }],
      }),
      startReplicaPair({ password: PASSWORD }),
      // A short node timeout only speeds up gossip convergence; nothing here waits for failover.
      startCluster({ password: PASSWORD, nodeTimeoutMs: 2_000 }),
    ]);
  });

  afterAll(async () => {
    await stopAll(); // safety net if a test failed before the explicit stop
  });

  it("never uses the developer's own Redis port", () => {
    const ports = [...standalone.nodes, ...pair.nodes, ...cluster.nodes].map((n) => n.port);
    expect(ports).not.toContain(6379);
    expect(new Set(ports).size).toBe(ports.length);
  });

  it("standalone: the password works, a wrong one and none are refused", async () => {
    expect(await labCommand(standalone.node, ["PING"])).toBe("PONG");
    await expect(labCommand(standalone.node, ["PING"], { password: "wrong" })).rejects.toThrow(/WRONGPASS/);
    const anonymous = { host: standalone.node.host, port: standalone.node.port };
    await expect(labCommand(anonymous, ["PING"])).rejects.toThrow(/NOAUTH/);
  });

  it("standalone: an ACL user logs in and gets only its rules", async () => {
    await withLabClient(
      standalone.node,
      async (c) => {
        expect(await c.call("ACL", "WHOAMI")).toBe("reader");
        expect(await c.call("GET", "missing")).toBeNull();
        await expect(c.call("SET", "k", "v")).rejects.toThrow(/NOPERM/);
      },
      { username: "reader", password: "reader-pw" },
    );
  });

  it("replica pair: the primary counts one connected replica", async () => {
    const info = await labCommand(pair.master, ["INFO", "replication"]);
    expect(field(info, "role")).toBe("master");
    expect(field(info, "connected_slaves")).toBe("1");
    expect(field(await labCommand(pair.replica, ["INFO", "replication"]), "master_link_status")).toBe("up");
  });

  it("cluster: state ok with all 16384 slots on every node", async () => {
    expect(cluster.nodes).toHaveLength(6);
    for (const node of cluster.nodes) {
      const info = await labCommand(node, ["CLUSTER", "INFO"]);
      expect(field(info, "cluster_state")).toBe("ok");
      expect(field(info, "cluster_slots_assigned")).toBe("16384");
      expect(field(info, "cluster_known_nodes")).toBe("6");
    }
  });

  it("stop leaves no process and no temp dir", async () => {
    const nodes = [...standalone.nodes, ...pair.nodes, ...cluster.nodes];
    expect(nodes.every((n) => isAlive(n.pid) && fs.existsSync(n.dir))).toBe(true);
    await Promise.all([standalone.stop(), pair.stop(), cluster.stop()]);
    for (const n of nodes) {
      expect(isAlive(n.pid), `pid ${n.pid}`).toBe(false);
      expect(fs.existsSync(n.dir), n.dir).toBe(false);
    }
    expect(trackedPids()).toEqual([]);
    await standalone.stop(); // idempotent
  });
});

describe("lab process control", () => {
  let node: RedisProcess;
  beforeAll(async () => {
    node = await startRedis({ args: ["--maxclients", "50"] });
  });
  afterAll(() => node.stop());

  it("passes extra args through", async () => {
    expect(await labCommand(node, ["CONFIG", "GET", "maxclients"])).toEqual(["maxclients", "50"]);
  });

  it("freeze makes it unresponsive, thaw brings it back, and a frozen node still stops", async () => {
    node.freeze();
    await expect(labCommand(node, ["PING"], { connectTimeoutMs: 300, commandTimeoutMs: 300 })).rejects.toThrow();
    node.thaw();
    expect(await labCommand(node, ["PING"])).toBe("PONG");

    const frozen = await startRedis();
    frozen.freeze();
    await frozen.stop();
    expect(isAlive(frozen.pid)).toBe(false);
    expect(fs.existsSync(frozen.dir)).toBe(false);
  });

  it("kill is a crash: the process is gone, its dir stays until stop", async () => {
    const victim = await startRedis();
    await victim.kill();
    expect(isAlive(victim.pid)).toBe(false);
    expect(fs.existsSync(`${victim.dir}/redis.log`)).toBe(true);
    await victim.stop();
    expect(fs.existsSync(victim.dir)).toBe(false);
  });

  it("a bad argument fails fast with redis-server's own message", async () => {
    await expect(startRedis({ args: ["--no-such-option", "1"] })).rejects.toThrow(/Bad directive|no-such-option/);
  });
});
