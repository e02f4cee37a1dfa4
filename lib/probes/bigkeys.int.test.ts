// The bigkeys probe against real redis-server processes (never the developer's Redis on 6379): a
// standalone with 150k small keys and a planted big key of every type, a small one watched with
// MONITOR, and a 3-master cluster with replicas.
import { Cluster } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLabClient, startCluster, startStandalone, waitUntil, withLabClient, type RedisProcess, type Topology } from "@/lib/lab";
import { getConnectionManager } from "@/lib/redis/connection-manager";
import type { InstanceConnectionConfig } from "@/lib/store/instances-repo";
import { labConfig } from "@/lib/testing/instance-config";
import { recordCommands, type Recording } from "@/lib/testing/command-recorder";
import { FILL, plant } from "@/lib/testing/plant-keys";
import type { BigkeysData } from "./bigkeys";
import type { BigkeyRow } from "./bigkeys/collector";
import { getProbe } from "./registry";
import { runProbe } from "./run-probe";
import type { ProbeProgress, ProbeResult } from "./types";

const MB = 1024 * 1024;
const SMALL_KEYS = 150_000;
/** Planted keys: name → [type, elements]. */
const PLANTED: Record<string, [string, number]> = {
  "big:hash": ["hash", 120_000],
  "big:zset": ["zset", 60_000],
  "big:list": ["list", 80_000],
  "big:set": ["set", 70_000],
  "big:string": ["string", 11 * MB],
  "big:stream": ["stream", 20_000],
};
/**
 * The lab host is shared with other test files: PING noise there is not the scan's doing. Tests that
 * are not about pacing give the pacer a wide budget so they measure the scan, not the neighbours.
 */
const WIDE = { latencyBudgetMs: 50 };


const config = (node: { host: string; port: number }, mode: "standalone" | "cluster" = "standalone") => labConfig(node, { mode });

async function scan(target: InstanceConnectionConfig, params: Record<string, unknown>, opts: Parameters<typeof runProbe>[3] = {}) {
  const probe = getProbe("bigkeys")!;
  return (await runProbe(probe, target, probe.params.parse(params), opts)) as ProbeResult<BigkeysData>;
}

const byKey = (rows: BigkeyRow[]) => new Map(rows.map((r) => [r.key, r]));


let large: Topology & { node: RedisProcess };
let small: Topology & { node: RedisProcess };
let cluster: Topology;

beforeAll(async () => {
  [large, small, cluster] = await Promise.all([
    startStandalone({ args: ["--enable-debug-command", "local"] }),
    startStandalone(),
    startCluster({ masters: 3, replicasPerMaster: 1 }),
  ]);
  const setup = createLabClient(large.node, { commandTimeoutMs: 60_000 });
  try {
    await setup.call("DEBUG", "POPULATE", String(SMALL_KEYS), "key", "10");
    for (const [key, [type, n]] of Object.entries(PLANTED)) await plant(setup, key, type, n);
  } finally {
    setup.disconnect();
  }
});

afterAll(async () => {
  getConnectionManager().closeAll();
  await Promise.all([large?.stop(), small?.stop(), cluster?.stop()]);
});

describe("standalone with 150k small keys and a big key of every type", () => {
  it("finds every planted key in the top N with its type and exact length, and flags the big ones", async () => {
    const progress: ProbeProgress[] = [];
    const r = await scan(config(large.node), { ...WIDE, topN: 10 }, { onProgress: (p) => progress.push(p) });
    expect(r.error).toBeUndefined();
    expect(r.partial).toBe(false);
    const rows = byKey(r.data.rows);
    for (const [key, [type, elements]] of Object.entries(PLANTED)) expect(rows.get(key), key).toMatchObject({ type, elements });
    expect(rows.get("big:hash")!.encoding).toBe("hashtable");
    expect(r.data.summary.scanned).toBeGreaterThanOrEqual(SMALL_KEYS + 6);
    expect(r.data.done).toEqual({ [`${large.node.host}:${large.node.port}`]: true });
    expect(r.data.cursors).toEqual({});
    const strings = r.data.byType.find((t) => t.type === "string")!;
    expect(strings.keys).toBeGreaterThanOrEqual(SMALL_KEYS + 1);
    expect(strings.biggest).toMatchObject({ key: "big:string" });
    expect(r.data.byType.find((t) => t.type === "list")!.mostElements).toMatchObject({ key: "big:list", elements: 80_000 });
    const found = r.findings.filter((f) => f.code === "bigkey.found").map((f) => [f.evidence.key, f.evidence.rule]);
    expect(found).toEqual(expect.arrayContaining([["big:string", "bigkey-bytes"], ["big:hash", "bigkey-elements"]]));
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatchObject({ scanned: r.data.summary.scanned, estimatedTotal: SMALL_KEYS + 6, cursor: "0" });
    // Millions of commands, a handful of records: one per command shape, with the count.
    const memory = r.commands.find((c) => c.argv.join(" ") === "MEMORY USAGE <key> SAMPLES 5")!;
    expect(memory.count).toBeGreaterThanOrEqual(SMALL_KEYS);
    expect(r.commands.length).toBeLessThan(20);
  });

  it("stops at its time budget with cursors, and a run resumed from them finishes and finds the rest", async () => {
    const target = config(large.node);
    const first = await scan(target, { ...WIDE, budgetMs: 300 });
    expect(first.partial).toBe(true);
    expect(first.data.summary.stoppedBy).toBe("budget");
    expect(first.findings.map((f) => f.code)).toContain("bigkey.scan-partial");
    const address = `${large.node.host}:${large.node.port}`;
    expect(first.data.cursors[address]).toMatch(/^\d+$/);
    expect(first.data.summary.scanned).toBeLessThan(SMALL_KEYS);

    const second = await scan(target, { ...WIDE, resume: first.data.cursors });
    expect(second.partial).toBe(false);
    expect(second.data.done[address]).toBe(true);
    const seen = new Set([...first.data.rows, ...second.data.rows].map((r) => r.key));
    for (const key of Object.keys(PLANTED)) expect(seen.has(key), key).toBe(true);
    // Together the two runs saw the keyspace once (SCAN may repeat a few keys, never skip one).
    expect(first.data.summary.scanned + second.data.summary.scanned).toBeGreaterThanOrEqual(SMALL_KEYS + 6);
  });

  it("stops after maxKeys", async () => {
    const r = await scan(config(large.node), { ...WIDE, maxKeys: 5_000 });
    expect(r.data.summary).toMatchObject({ partial: true, stoppedBy: "maxKeys" });
    expect(r.data.summary.scanned).toBeGreaterThanOrEqual(5_000);
    expect(r.data.summary.scanned).toBeLessThan(6_000);
  });

  it("returns a partial result promptly when the caller aborts", async () => {
    const ac = new AbortController();
    const started = Date.now();
    setTimeout(() => ac.abort(), 400);
    const r = await scan(config(large.node), { ...WIDE, budgetMs: 60_000 }, { signal: ac.signal });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(r.error).toBeUndefined();
    expect(r.data.summary).toMatchObject({ partial: true, stoppedBy: "cancelled" });
    expect(Object.keys(r.data.cursors)).toHaveLength(1);
  });

  it("scans only the requested type with SCAN … TYPE", async () => {
    const r = await scan(config(large.node), { ...WIDE, typeFilter: "zset" });
    expect(r.data.byType.map((t) => t.type)).toEqual(["zset"]);
    expect(r.data.rows[0]).toMatchObject({ key: "big:zset", elements: 60_000 });
    expect(r.commands.some((c) => c.argv[0] === "TYPE")).toBe(false);
  });
});

describe("a small standalone, watched", () => {
  const binaryKey = Buffer.from([0x62, 0x00, 0xff, 0x0a, 0x6b]);

  beforeAll(async () => {
    const c = createLabClient(small.node, { commandTimeoutMs: 30_000 });
    try {
      for (let i = 0; i < 2_000; i += 500) {
        const pipe = c.pipeline();
        for (let j = i; j < i + 500; j++) pipe.set(`small:${j}`, `v${j}`);
        await pipe.exec();
      }
      await c.eval(FILL, 1, binaryKey, "hash", 2_000);
      await plant(c, "big:list", "list", 30_000);
    } finally {
      c.disconnect();
    }
  });

  it("sends nothing forbidden, holds at most two connections, and keeps a binary key name intact", async () => {
    const recorder = await recordCommands(small.node);
    let r: ProbeResult<BigkeysData>;
    let recording: Recording;
    try {
      r = await scan(config(small.node), { topN: 5 });
    } finally {
      recording = await recorder.stop();
    }
    const { commands: seen, maxRedlineConnections: maxRedline } = recording;
    expect(r.error).toBeUndefined();
    expect(r.partial).toBe(false);

    const upper = seen.map((a) => a.map((x) => x.toUpperCase()));
    expect(upper.some((a) => a[0] === "SCAN")).toBe(true);
    expect(upper.some((a) => a[0] === "MEMORY" && a[1] === "USAGE")).toBe(true);
    for (const a of upper) {
      expect(["KEYS", "HGETALL", "SMEMBERS", "DEBUG", "FLUSHALL", "FLUSHDB"]).not.toContain(a[0]);
      expect(a[0] === "LRANGE" && a[2] === "0" && a[3] === "-1", a.join(" ")).toBe(false);
      if (a[0] === "MEMORY" && a[1] === "USAGE") expect(a.slice(3)).toEqual(["SAMPLES", "5"]);
    }
    expect(maxRedline).toBeGreaterThan(0);
    expect(maxRedline).toBeLessThanOrEqual(2);

    const row = r.data.rows.find((x) => x.keyBase64 !== undefined)!;
    expect(row).toMatchObject({ key: "b\\x00\\xff\\nk", type: "hash", elements: 2_000 });
    const raw = Buffer.from(row.keyBase64!, "base64");
    expect(raw.equals(binaryKey)).toBe(true);
    const c = createLabClient(small.node);
    try {
      expect(await c.hlen(raw)).toBe(2_000);
    } finally {
      c.disconnect();
    }
  });
});

describe("a 3-master cluster", () => {
  /** One planted hash per master, named with a hash tag that lands on it. */
  const planted = new Map<string, number>();

  beforeAll(async () => {
    const seed = cluster.nodes[0]!;
    const c = new Cluster([{ host: seed.host, port: seed.port }], { redisOptions: { protocol: 2 } });
    try {
      const slots = (await c.call("CLUSTER", "SLOTS")) as Array<[number, number, [string, number]]>;
      const owner = (slot: number) => slots.find(([from, to]) => slot >= from && slot <= to)![2][1];
      for (let i = 0; planted.size < 3 && i < 100; i++) {
        const key = `{t${i}}:big`;
        const port = owner(Number(await c.call("CLUSTER", "KEYSLOT", key)));
        if (![...planted.values()].includes(port)) planted.set(key, port);
      }
      await Promise.all(Array.from({ length: 3_000 }, (_, i) => c.set(`small:${i}`, "v")));
      for (const key of planted.keys()) await c.eval(FILL, 1, key, "hash", 5_000);
      // The replicas scan test needs the copies there.
      await waitUntil(
        async () => {
          const sizes = await Promise.all(cluster.nodes.map((n) => withLabClient(n, (x) => x.dbsize())));
          const total = sizes.reduce((s, n) => s + n, 0);
          return total === 2 * (3_000 + 3) || `dbsize total ${total}`;
        },
        { timeoutMs: 10_000, what: "replicas to copy the planted keys" },
      );
    } finally {
      c.disconnect();
    }
  });

  it("fans out over every master and says which node each key is on", async () => {
    const r = await scan(config(cluster.nodes[0]!, "cluster"), WIDE);
    expect(r.error).toBeUndefined();
    expect(r.partial).toBe(false);
    expect(r.data.summary.nodes).toBe(3);
    expect(r.data.summary.scanned).toBeGreaterThanOrEqual(3_003);
    const rows = byKey(r.data.rows);
    for (const [key, port] of planted) expect(rows.get(key), key).toMatchObject({ type: "hash", elements: 5_000, node: `127.0.0.1:${port}` });
  });

  it("scans the replicas instead when asked", async () => {
    const r = await scan(config(cluster.nodes[0]!, "cluster"), { ...WIDE, nodes: "replicas" });
    expect(r.error).toBeUndefined();
    expect(r.data.summary.nodes).toBe(3);
    const masterPorts = new Set(planted.values());
    for (const key of planted.keys()) {
      const row = r.data.rows.find((x) => x.key === key)!;
      expect(row, key).toMatchObject({ elements: 5_000 });
      expect(masterPorts.has(Number(row.node.split(":")[1]))).toBe(false);
    }
  });
});
