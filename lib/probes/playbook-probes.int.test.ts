// The playbook probes (hotkeys, lua, restart-history, keys-usage, connection-budget, backlog-calculator)
// against real redis-server processes in the incident states they diagnose. Never mocked, never 6379.
import { createServer } from "node:http";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Redis } from "ioredis";
import { createLabClient, findFreePort, labCommand, sleep, startRedis, startReplicaPair, startStandalone, waitUntil, type RedisProcess, type Topology } from "@/lib/lab";
import { getConnectionManager } from "@/lib/redis/connection-manager";
import { labConfig } from "@/lib/testing/instance-config";
import type { InstanceConnectionConfig } from "@/lib/store/instances-repo";
import type { BacklogCalculatorData } from "./backlog-calculator";
import type { ConnectionBudgetData } from "./connection-budget";
import type { HotkeysData } from "./hotkeys";
import { lookupK8sOwner } from "./k8s-lookup";
import type { KeysUsageData } from "./keys-usage";
import type { LuaData } from "./lua";
import { getProbe } from "./registry";
import type { RestartHistoryData } from "./restart-history";
import { samplerRestartHistory, setRestartHistorySource } from "./restart-history-source";
import { runProbe } from "./run-probe";
import type { ProbeResult } from "./types";

type Node = Topology & { node: RedisProcess };
let lfu: Node;
let plain: Node;
let lua: Node;
let small: Node;
let pair: Topology & { master: RedisProcess; replica: RedisProcess };
const clients: Redis[] = [];

async function run<D>(probeId: string, target: InstanceConnectionConfig, params: Record<string, unknown> = {}): Promise<ProbeResult<D>> {
  const probe = getProbe(probeId)!;
  return (await runProbe(probe, target, probe.params.parse(params))) as ProbeResult<D>;
}

const codes = (r: ProbeResult) => r.findings.map((f) => f.code);

function client(node: RedisProcess, name?: string): Redis {
  const c = createLabClient(node, { commandTimeoutMs: 0 });
  if (name) void c.call("CLIENT", "SETNAME", name);
  clients.push(c);
  return c;
}

/** Redline's own connections as the server lists them. */
async function redlineConnections(c: Redis): Promise<string[]> {
  return String(await c.call("CLIENT", "LIST"))
    .split("\n")
    .flatMap((line) => /\bname=(redline:\S+)/.exec(line)?.[1] ?? []);
}

/** Reads of one key, pipelined, until stopped. */
function hammer(c: Redis, key: string): () => Promise<void> {
  let running = true;
  const loop = (async () => {
    while (running) {
      const p = c.pipeline();
      for (let i = 0; i < 40; i++) p.get(key);
      p.get(`cold:${Math.floor(Math.random() * 1000)}`);
      await p.exec();
      await sleep(5);
    }
  })();
  return async () => {
    running = false;
    await loop;
  };
}

beforeAll(async () => {
  [lfu, plain, lua, small, pair] = await Promise.all([
    startStandalone({ args: ["--maxmemory-policy", "allkeys-lfu"] }),
    startStandalone({ aclUsers: [{ name: "app", password: "pw-app", rules: "~* +@all -keys" }] }),
    startStandalone(),
    startStandalone({ args: ["--maxclients", "20"] }),
    startReplicaPair(),
  ]);
});

afterAll(async () => {
  for (const c of clients) c.disconnect();
  getConnectionManager().closeAll();
  setRestartHistorySource(samplerRestartHistory);
  await Promise.all([lfu?.stop(), plain?.stop(), lua?.stop(), small?.stop(), pair?.stop()]);
});

describe("hotkeys", () => {
  it("with allkeys-lfu ranks the hammered key first by OBJECT FREQ, with its short TTL", async () => {
    const c = client(lfu.node);
    const seed = c.pipeline();
    for (let i = 0; i < 300; i++) seed.set(`cold:${i}`, "v");
    seed.set("product:flash:100", "v", "EX", 30);
    await seed.exec();
    // ~80k reads: an LFU counter of about 130 at lfu-log-factor 10 (above the rule's 100).
    for (let round = 0; round < 40; round++) {
      const p = c.pipeline();
      for (let i = 0; i < 2_000; i++) p.get("product:flash:100");
      await p.exec();
    }
    const r = await run<HotkeysData>("hotkeys", labConfig(lfu.node));
    expect(r.error).toBeUndefined();
    expect(r.data.nodes[0]).toMatchObject({ method: "lfu", maxmemoryPolicy: "allkeys-lfu", scan: { complete: true, scanned: 301 } });
    expect(r.data.rows[0]).toMatchObject({ key: "product:flash:100", hot: true });
    expect(r.data.rows[0]!.freq).toBeGreaterThanOrEqual(100);
    expect(r.data.rows[0]!.ttlMs).toBeGreaterThan(0);
    expect(r.findings.find((f) => f.code === "hotkey.found")).toMatchObject({ evidence: { key: "product:flash:100" } });
    expect(r.findings.find((f) => f.code === "hotkey.short-ttl")).toMatchObject({ evidence: { key: "product:flash:100" } });
    expect(r.commands.some((c) => c.argv[0] === "MONITOR")).toBe(false);
  });

  it("without LFU and no opt-in explains the options and sends no MONITOR", async () => {
    const r = await run<HotkeysData>("hotkeys", labConfig(plain.node));
    expect(r.error).toBeUndefined();
    expect(codes(r)).toEqual(["hotkey.lfu-unavailable"]);
    expect(r.findings[0]!.evidence).toMatchObject({ maxmemoryPolicy: "noeviction", hotkeysCommand: "not available" });
    expect(r.commands.map((c) => c.argv[0])).not.toContain("MONITOR");
  });

  it("without LFU and allowMonitor finds the key in a MONITOR window, within Redline's two connections", async () => {
    const watcher = client(plain.node);
    // Only this instance's connections on the server: earlier tests registered it under other ids.
    getConnectionManager().closeAll();
    await waitUntil(async () => ((await redlineConnections(watcher)).length === 0 ? true : "still connected"), { timeoutMs: 2_000, what: "earlier connections to close" });
    const target = labConfig(plain.node);
    // Opens the probe and the reserved connection first, as a registered instance has them.
    expect((await run<LuaData>("lua", target)).error).toBeUndefined();
    const app = client(plain.node, "app-hammer");
    await app.set("product:1", "v", "EX", 20);
    const stop = hammer(app, "product:1");
    const seen: number[] = [];
    let watching = true;
    const watch = (async () => {
      while (watching) {
        seen.push((await redlineConnections(watcher)).length);
        await sleep(100);
      }
    })();
    const r = await run<HotkeysData>("hotkeys", target, { allowMonitor: true, monitorSeconds: 2 });
    watching = false;
    await Promise.all([stop(), watch]);

    expect(r.error).toBeUndefined();
    expect(r.data.nodes[0]).toMatchObject({ method: "monitor", window: { endedBy: "time", reconnected: true } });
    expect(r.data.rows[0]).toMatchObject({ key: "product:1", hot: true });
    expect(r.data.rows[0]!.sharePct).toBeGreaterThan(90);
    expect(r.data.rows[0]!.commands).toMatch(/^GET×\d+$/);
    expect(codes(r)).toContain("hotkey.found");
    expect(codes(r)).toContain("hotkey.short-ttl");
    expect(r.commands.filter((c) => c.argv[0] === "MONITOR")).toHaveLength(1);
    // During and after the window: never more than Redline's probe + reserved connection.
    expect(seen.length).toBeGreaterThan(5);
    expect(Math.max(...seen)).toBeLessThanOrEqual(2);
    expect((await redlineConnections(watcher)).sort()).toEqual(["redline:probe", "redline:reserved"]);
    // The probe connection is a normal one again: not in MONITOR mode, and it answers.
    const after = await run<HotkeysData>("hotkeys", target);
    expect(after.error).toBeUndefined();
    expect(String(await watcher.call("CLIENT", "LIST"))).not.toMatch(/name=redline:probe .*flags=O/);
  });
});

describe("lua", () => {
  it("reports BUSY from the reserved connection while EVAL loops, and recovers after SCRIPT KILL", async () => {
    const target = labConfig(lua.node);
    const admin = client(lua.node);
    await admin.call("CONFIG", "SET", "busy-reply-threshold", "200");
    const idle = await run<LuaData>("lua", target);
    expect(idle.error).toBeUndefined();
    expect(idle.data.rows[0]).toMatchObject({ busy: false, threshold: { name: "busy-reply-threshold", ms: 200, values: { "lua-time-limit": "200" } } });

    const looping = client(lua.node).call("EVAL", "while true do end", "0").catch((err: Error) => err);
    await sleep(400);
    // What the server still answers (checked here so the probe's documented list stays true).
    await expect(admin.call("CLIENT", "LIST")).rejects.toThrow(/^BUSY/);
    await expect(admin.call("FUNCTION", "STATS")).rejects.toThrow(/^BUSY/);
    expect(await admin.call("HELLO", "2")).toBeTruthy();

    const busy = await run<LuaData>("lua", target);
    expect(busy.error).toBeUndefined();
    expect(busy.data.rows[0]).toMatchObject({ busy: true, busyKind: "script", killWith: "SCRIPT KILL" });
    expect(busy.findings.find((f) => f.code === "lua.busy")).toMatchObject({ severity: "critical", evidence: { killWith: "SCRIPT KILL" } });
    expect(busy.commands.every((c) => c.argv[0] !== "SCRIPT")).toBe(true);
    // A connection opened during BUSY (a fresh instance config) still reports it, and heals afterwards.
    const fresh = labConfig(lua.node);
    expect(codes(await run<LuaData>("lua", fresh))).toContain("lua.busy");

    expect(await admin.call("SCRIPT", "KILL")).toBe("OK");
    expect(String(await looping)).toMatch(/killed/i);
    for (const t of [target, fresh]) {
      const after = await run<LuaData>("lua", t);
      expect(after.error).toBeUndefined();
      expect(after.data.rows[0]!.busy).toBe(false);
      expect(after.data.rows[0]!.slowScripts.length + after.data.rows[0]!.scriptCalls.length).toBeGreaterThan(0);
    }
  });

  it("names a running function via FUNCTION STATS, which Redis answers during FCALL", async () => {
    const admin = client(lua.node);
    await admin.call("FUNCTION", "LOAD", "REPLACE", "#!lua name=spinlib\nredis.register_function('spin', function() while true do end end)");
    const looping = client(lua.node).call("FCALL", "spin", "0").catch((err: Error) => err);
    await sleep(400);
    const r = await run<LuaData>("lua", labConfig(lua.node));
    expect(r.data.rows[0]).toMatchObject({ busy: true, busyKind: "function", killWith: "FUNCTION KILL", runningScript: { name: "spin" } });
    expect(codes(r)).toEqual(["lua.busy", "lua.script-running"]);
    await admin.call("FUNCTION", "KILL");
    await looping;
  });
});

describe("restart-history", () => {
  it("sees a freshly restarted, empty server without persistence", async () => {
    const port = await findFreePort();
    const first = await startRedis({ port });
    await labCommand(first, ["SET", "k", "v"]);
    await first.stop();
    const again = await startRedis({ port });
    try {
      const target = labConfig(again);
      setRestartHistorySource(() => ({ source: "test", restartAt: Date.now(), keysBefore: 1, keysAfter: 0, lostPct: 100 }));
      const r = await run<RestartHistoryData>("restart-history", target);
      expect(r.error).toBeUndefined();
      expect(codes(r)).toEqual(expect.arrayContaining(["restart.recent", "restart.empty-keyspace", "persistence.disabled"]));
      expect(r.findings.find((f) => f.code === "restart.empty-keyspace")).toMatchObject({ severity: "critical", evidence: { rdbLastLoadKeysLoaded: 0, keysBefore: 1 } });
      expect(r.data.rows[0]).toMatchObject({ keys: 0, rdbLastLoadKeysLoaded: 0, persistence: { save: "", appendonly: "no" }, kubernetes: { status: "not-configured" } });
      expect(r.data.rows[0]!.uptimeSeconds).toBeLessThan(60);
    } finally {
      setRestartHistorySource(samplerRestartHistory);
      await again.stop();
    }
  });
});

describe("restart-history's Kubernetes lookup", () => {
  it("walks pod → ReplicaSet → Deployment over HTTP with the bearer token", async () => {
    const seen: string[] = [];
    const objects: Record<string, unknown> = {
      "/api/v1/pods?fieldSelector=status.podIP%3D10.0.1.7": {
        kind: "PodList",
        items: [
          {
            metadata: { name: "redis-8e5f0c-xyz89", namespace: "prod", ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: "redis-8e5f0c", controller: true }] },
            spec: { volumes: [{ name: "data", persistentVolumeClaim: { claimName: "redis-data" } }] },
            status: { phase: "Running", podIP: "10.0.1.7" },
          },
        ],
      },
      "/apis/apps/v1/namespaces/prod/replicasets/redis-8e5f0c": { metadata: { name: "redis-8e5f0c", ownerReferences: [{ apiVersion: "apps/v1", kind: "Deployment", name: "redis", controller: true }] } },
    };
    const server = createServer((req, res) => {
      seen.push(`${req.headers.authorization} ${req.url}`);
      const body = objects[req.url ?? ""];
      res.writeHead(body ? 200 : 404, { "content-type": "application/json" });
      res.end(JSON.stringify(body ?? { kind: "Status", code: 404 }));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const dir = await mkdtemp(path.join(os.tmpdir(), "redline-k8s-"));
    try {
      const tokenFile = path.join(dir, "token");
      await writeFile(tokenFile, "test-token\n");
      const apiUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      const report = await lookupK8sOwner("10.0.1.7", new AbortController().signal, { apiUrl, tokenFile, namespace: undefined });
      expect(report).toMatchObject({ status: "found", controller: { kind: "Deployment", name: "redis" }, verdict: "deployment", pod: { name: "redis-8e5f0c-xyz89", namespace: "prod" } });
      expect(seen.every((s) => s.startsWith("Bearer test-token "))).toBe(true);
      const missing = await lookupK8sOwner("10.9.9.9", new AbortController().signal, { apiUrl, tokenFile, namespace: undefined });
      expect(missing.status).toBe("error");
      expect(await lookupK8sOwner("10.0.1.7", new AbortController().signal, { apiUrl: undefined, tokenFile, namespace: undefined })).toMatchObject({ status: "not-configured" });
    } finally {
      server.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("keys-usage", () => {
  it("finds a KEYS call, the client that sent it, and the users allowed to run it", async () => {
    const c = client(plain.node);
    await c.call("CONFIG", "SET", "slowlog-log-slower-than", "0");
    await c.call("CLIENT", "SETNAME", "nightly-job");
    await c.set("session:1", "x");
    await c.call("KEYS", "session:*");
    const r = await run<KeysUsageData>("keys-usage", labConfig(plain.node));
    expect(r.error).toBeUndefined();
    expect(codes(r)).toEqual(expect.arrayContaining(["keys.command-used", "slowlog.keys-command", "keys.acl-allows"]));
    expect(r.findings.find((f) => f.code === "slowlog.keys-command")).toMatchObject({ evidence: { clientName: "nightly-job", key: "session:*" } });
    expect(r.data.rows[0]!.keys.calls).toBeGreaterThanOrEqual(1);
    expect(r.data.rows[0]!.clients[0]).toMatchObject({ clientName: "nightly-job", patterns: ["session:*"] });
    // `app` has +@all -keys: not allowed; `default` is.
    expect(r.data.rows[0]!.aclAllowed!.map((u) => u.user)).toEqual(["default"]);
    expect(r.data.rows[0]!.keysCategories).toContain("dangerous");
  });
});

describe("connection-budget", () => {
  it("shows the formula and flags a plan beyond a low maxclients", async () => {
    client(small.node, "app-1");
    const r = await run<ConnectionBudgetData>("connection-budget", labConfig(small.node), { pods: 2, poolSizePerPod: 10, sentinels: 1 });
    expect(r.error).toBeUndefined();
    const b = r.data.rows[0]!.budget;
    expect(b).toMatchObject({ maxclients: 20, total: 20 + 2 + 2 + 2 + 2, budgetLimit: 16 });
    expect(b.formula).toBe("20 + 0 + 2 + 2 + 4 = 28 vs 80 % × 20 = 16");
    expect(r.findings).toMatchObject([{ code: "clients.budget-exceeded", severity: "critical" }]);
    await sleep(50);
    const again = await run<ConnectionBudgetData>("connection-budget", labConfig(small.node));
    expect(again.data.rows[0]!.byName.map((g) => g.key)).toContain("app-1");
  });
});

describe("backlog-calculator", () => {
  it("measures the write rate on a master with a replica and finds the backlog too small", async () => {
    const c = client(pair.master);
    await c.call("CONFIG", "SET", "repl-backlog-size", "16384");
    let writing = true;
    const writer = (async () => {
      const value = "x".repeat(1024);
      while (writing) {
        const p = c.pipeline();
        for (let i = 0; i < 50; i++) p.set(`w:${i}`, value);
        await p.exec();
        await sleep(5);
      }
    })();
    const r = await run<BacklogCalculatorData>("backlog-calculator", labConfig(pair.master), { sampleMs: 1_000, toleratedOutageSeconds: 60 });
    writing = false;
    await writer;
    expect(r.error).toBeUndefined();
    const rec = r.data.rows[0]!.recommendation;
    expect(rec.rateBytesPerSec).toBeGreaterThan(10_000);
    expect(rec.recommendedBytes).toBe(Math.ceil(rec.rateBytesPerSec! * 60 * 2));
    expect(rec).toMatchObject({ currentBytes: 16384, toleratedOutageSeconds: 60, safetyFactor: 2, headroom: { basis: "system" } });
    expect(r.data.rows[0]).toMatchObject({ role: "master", connectedReplicas: 1 });
    expect(codes(r)).toContain("replication.backlog-too-small");
  });
});
