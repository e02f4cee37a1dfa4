import { describe, expect, it } from "vitest";
import { parseInfo } from "@/lib/parse/info";
import type { SlowlogEntry } from "@/lib/parse/slowlog";
import { deriveSample, type DerivedSample } from "./derive-sample";
import type { NodeHistory } from "./node-history";
import type { NodeSnapshot } from "./snapshot";

const T0 = 1_700_000_000_000;

function snap(t: number, fields: Record<string, string | number>, extra: Partial<NodeSnapshot> = {}): NodeSnapshot {
  const text = Object.entries(fields)
    .map(([k, v]) => `${k}:${v}`)
    .join("\r\n");
  return { node: "10.0.0.1:6379", takenAt: t, pingMs: 0.3, info: parseInfo(text), config: {}, slowlog: [], slowlogLen: 0, ...extra };
}

const base = {
  run_id: "aaaaaaaaaaaaaaaa",
  role: "master",
  uptime_in_seconds: 1000,
  total_commands_processed: 1000,
  keyspace_hits: 80,
  keyspace_misses: 20,
  rejected_connections: 0,
  evicted_keys: 0,
  expired_keys: 0,
  total_net_input_bytes: 10_000,
  total_net_output_bytes: 20_000,
  master_repl_offset: 1_000_000,
  repl_backlog_active: 1,
  repl_backlog_size: 1_048_576,
  repl_backlog_histlen: 524_288,
  sync_full: 1,
  connected_slaves: 1,
  slave0: "ip=10.0.0.2,port=6380,state=online,offset=999000,lag=0",
  used_memory: 2_000_000,
  used_memory_rss: 3_000_000,
  used_memory_peak: 2_500_000,
  connected_clients: 10,
  maxclients: 100,
  db0: "keys=500,expires=0,avg_ttl=0",
};

function run(samples: Array<[number, Record<string, string | number>, Partial<NodeSnapshot>?]>, windows = { rateSeconds: 60, recentSeconds: 300 }): DerivedSample[] {
  let history: NodeHistory | undefined;
  return samples.map(([dt, over, extra]) => {
    const d = deriveSample(history, { snapshot: snap(T0 + dt, { ...base, ...over }, extra), pingsMs: [0.2, 0.3, 0.4] }, windows);
    history = d.history;
    return d;
  });
}

describe("deriveSample: rates from consecutive samples", () => {
  it("has no rates on the first sample, then Δcounter/Δt", () => {
    const [first, second] = run([
      [0, {}],
      [2_000, { total_commands_processed: 3_000, keyspace_hits: 160, keyspace_misses: 40, total_net_input_bytes: 14_000, master_repl_offset: 1_100_000, rejected_connections: 4 }],
    ]);
    expect(first!.values["ops.per_sec"]).toBeUndefined();
    expect(first!.values["memory.used_bytes"]).toBe(2_000_000);
    expect(first!.values["keyspace.keys"]).toBe(500);
    expect(second!.values).toMatchObject({
      "ops.per_sec": 1_000,
      "keyspace.hit_ratio": 80,
      "net.input_bytes_per_sec": 2_000,
      "replication.write_rate_bytes_per_sec": 50_000,
      "clients.rejected_per_sec": 2,
      "replication.backlog_used_pct": 50,
      "memory.rss_bytes": 3_000_000,
    });
    expect(second!.values["replication.replica_gap_bytes|replica=10.0.0.2:6380"]).toBe(101_000);
    expect(second!.signals["clients.rejected_last_min"]).toBe(4);
  });

  it("measures the backlog coverage from the write rate over the rate window (CORRECTIONS #2)", () => {
    const out = run([
      [0, {}],
      [30_000, { master_repl_offset: 1_000_000 + 30 * 100_000 }],
    ]);
    // 1 MiB backlog at 100 KB/s of writes covers about 10.5 s of outage.
    expect(out[1]!.signals["replication.backlog_coverage_seconds"]).toBeCloseTo(10.5, 0);
    expect(out[1]!.signals["replication.backlog_in_use"]).toBe(1);
  });

  it("treats a new run_id as a counter reset: no negative rate, history restarts, a restart marker", () => {
    const out = run([
      [0, { total_commands_processed: 50_000 }],
      [2_000, { run_id: "bbbbbbbbbbbbbbbb", uptime_in_seconds: 1, total_commands_processed: 10, db0: "keys=0,expires=0,avg_ttl=0" }],
      [4_000, { run_id: "bbbbbbbbbbbbbbbb", uptime_in_seconds: 3, total_commands_processed: 210, db0: "keys=0,expires=0,avg_ttl=0" }],
    ]);
    expect(out[1]!.values["ops.per_sec"]).toBeUndefined();
    expect(out[1]!.markers).toEqual([expect.objectContaining({ kind: "restart", t: T0 + 2_000, detail: expect.stringContaining("keys 500 → 0") })]);
    expect(out[2]!.values["ops.per_sec"]).toBe(100);
    expect(out[2]!.markers).toEqual([]);
  });

  it("signals a restart that lost the keyspace for the recent window only (CORRECTIONS #10)", () => {
    const emptied = { run_id: "cccccccccccccccc", uptime_in_seconds: 2, db0: "keys=3,expires=0,avg_ttl=0" };
    const out = run([
      [0, {}],
      [2_000, emptied],
      [200_000, emptied],
      [303_000, emptied],
    ]);
    expect(out[0]!.signals["server.restart_keys_lost_pct"]).toBeUndefined();
    expect(out[1]!.signals["server.restart_keys_lost_pct"]).toBe(99.4);
    expect(out[2]!.signals["server.restart_keys_lost_pct"]).toBe(99.4);
    expect(out[3]!.signals["server.restart_keys_lost_pct"]).toBeUndefined();
  });

  it("marks a promotion as a failover and a demotion as a role change", () => {
    const out = run([
      [0, { role: "slave" }],
      [2_000, { role: "master" }],
      [4_000, { role: "slave" }],
    ]);
    expect(out[1]!.markers.map((m) => [m.kind, m.detail])).toEqual([["failover", "replica → master"]]);
    expect(out[2]!.markers.map((m) => [m.kind, m.detail])).toEqual([["role-change", "master → replica"]]);
  });

  it("counts full syncs over the recent window", () => {
    const out = run([
      [0, { sync_full: 1 }],
      [60_000, { sync_full: 3 }],
      [400_000, { sync_full: 3 }],
    ]);
    expect(out[1]!.signals["replication.full_syncs_recent"]).toBe(2);
    expect(out[2]!.signals["replication.full_syncs_recent"]).toBe(0);
  });
});

describe("deriveSample: slowlog and PING", () => {
  const entry = (id: number, ms: number, t: number): SlowlogEntry => ({ id, timestamp: Math.floor(t / 1000), durationUs: ms * 1000, argv: ["GET", "k"], clientAddr: "", clientName: "" });

  it("counts new entries by id across ticks, not the ones already there at the first look", () => {
    const t1 = T0 + 2_000;
    const out = run([
      [0, {}, { slowlog: [entry(4, 20, T0), entry(3, 20, T0)] }],
      [2_000, {}, { slowlog: [entry(6, 150, t1), entry(5, 20, t1), entry(4, 20, T0)] }],
      [4_000, {}, { slowlog: [entry(6, 150, t1), entry(5, 20, t1)] }],
    ]);
    expect(out[0]!.signals["slowlog.new_entries_last_min"]).toBe(0);
    expect(out[1]!.signals["slowlog.new_entries_last_min"]).toBe(2);
    expect(out[2]!.signals["slowlog.new_entries_last_min"]).toBe(2);
    // Merged across ticks, deduplicated: the health rules see every recent entry.
    expect(out[2]!.snapshot.slowlog.map((e) => e.id)).toEqual([6, 5, 4, 3]);
    expect(out[2]!.signals["slowlog.recent_max_ms"]).toBe(150);
  });

  it("counts past the fetched entries when every fetched entry is new (ids are sequential)", () => {
    const many = Array.from({ length: 8 }, (_, i) => entry(30 - i, 20, T0));
    const out = run([
      [0, {}, { slowlog: [entry(10, 20, T0)] }],
      [2_000, {}, { slowlog: many }],
    ]);
    expect(out[1]!.signals["slowlog.new_entries_last_min"]).toBe(20);
  });

  it("takes PING p99 over the rate window", () => {
    let history: NodeHistory | undefined;
    let last: DerivedSample | undefined;
    for (let i = 0; i < 45; i++) {
      const pings = i === 10 ? [0.2, 90, 0.2] : [0.2, 0.3, 0.2];
      last = deriveSample(history, { snapshot: snap(T0 + i * 2_000, base), pingsMs: pings });
      history = last.history;
      if (i === 12) expect(last.signals["latency.ping_p99_ms"]).toBe(90);
    }
    // 68 s later the slow PING has left the 60 s window.
    expect(last!.signals["latency.ping_p99_ms"]).toBeLessThan(1);
  });
});
