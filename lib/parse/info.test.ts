import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { infoNumber, infoString, parseInfo, parseKeyValueLines, type InfoSnapshot } from "./info";

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), "utf8");
// Any UTF-16 code units, lone surrogates included. (fc.string({ unit: "binary" }) costs ~0.8 s of warm-up under vitest.)
const binaryText = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 80 }).map((units) => String.fromCharCode(...units));

function expectInfoShape(info: InfoSnapshot) {
  expect(typeof info.sections).toBe("object");
  for (const section of Object.values(info.sections)) {
    for (const value of Object.values(section)) expect(typeof value).toBe("string");
  }
  for (const value of Object.values(info.fields)) expect(typeof value).toBe("string");
  for (const r of info.replicas) {
    expect(typeof r.ip).toBe("string");
    expect(typeof r.state).toBe("string");
    for (const n of [r.index, r.port, r.offset, r.lag]) expect(Number.isFinite(n)).toBe(true);
  }
  for (const db of info.keyspace) {
    for (const n of [db.db, db.keys, db.expires, db.avgTtlMs]) expect(Number.isFinite(n)).toBe(true);
  }
  for (const c of info.commandstats) {
    expect(c.command).toBe(c.command.toLowerCase());
    expect(c.command.length).toBeGreaterThan(0);
    for (const n of [c.calls, c.usec, c.usecPerCall, c.rejectedCalls, c.failedCalls]) expect(Number.isFinite(n)).toBe(true);
  }
  for (const n of Object.values(info.errorstats)) expect(Number.isFinite(n)).toBe(true);
}

describe("parseInfo on real redis-server 7.0 output", () => {
  const info = parseInfo(fixture("info-all.txt"));

  it("finds every section of INFO ALL, lowercased, including the empty Modules one", () => {
    expect(Object.keys(info.sections)).toEqual(
      expect.arrayContaining(["server", "clients", "memory", "persistence", "stats", "replication", "cpu", "modules", "commandstats", "errorstats", "latencystats", "cluster", "keyspace"]),
    );
    expect(info.sections.modules).toEqual({});
    expect(info.sections.server.redis_version).toBe("7.0.15");
  });

  it("flattens fields and reads typed values", () => {
    expect(infoString(info, "redis_mode")).toBe("standalone");
    expect(infoNumber(info, "tcp_port")).toBe(27100);
    expect(infoNumber(info, "mem_fragmentation_ratio")).toBe(4.41);
    expect(infoNumber(info, "blocked_clients")).toBe(1);
    expect(infoString(info, "config_file")).toBe("");
    expect(infoString(info, "executable")).toBe("/tmp/rlfx/redis-server");
  });

  it("returns undefined for non-numeric, missing and prototype-named fields", () => {
    expect(infoNumber(info, "used_memory_human")).toBeUndefined();
    expect(infoNumber(info, "used_memory_peak_perc")).toBeUndefined();
    expect(infoNumber(info, "maxmemory_policy")).toBeUndefined();
    expect(infoNumber(info, "config_file")).toBeUndefined();
    expect(infoNumber(info, "no_such_field")).toBeUndefined();
    expect(infoString(info, "constructor")).toBeUndefined();
    expect(infoString(info, "__proto__")).toBeUndefined();
  });

  it("parses the keyspace: two databases with expires", () => {
    expect(info.keyspace).toEqual([
      { db: 0, keys: 66, expires: 10, avgTtlMs: 3598777 },
      { db: 2, keys: 21, expires: 20, avgTtlMs: 598827 },
    ]);
  });

  it("parses commandstats, including subcommands and rejected calls", () => {
    expect(info.commandstats.find((c) => c.command === "get")).toEqual({
      command: "get",
      calls: 32,
      usec: 49,
      usecPerCall: 1.53,
      rejectedCalls: 1,
      failedCalls: 0,
    });
    expect(info.commandstats.find((c) => c.command === "client|list")?.calls).toBe(2);
    expect(info.commandstats.find((c) => c.command === "lpush")?.failedCalls).toBe(2);
    expect(info.commandstats.find((c) => c.command === "eval")?.usecPerCall).toBe(42557);
    expect(info.commandstats).toHaveLength(27);
  });

  it("parses errorstats counts", () => {
    // ERR includes the CLIENT SETINFO calls ioredis 6 sends on connect, which Redis 7.0 rejects.
    expect(info.errorstats).toEqual({ ERR: 21, WRONGTYPE: 3 });
    expect(infoNumber(info, "total_error_replies")).toBe(24);
  });

  it("has no replicas on a standalone master", () => {
    expect(info.replicas).toEqual([]);
    expect(infoNumber(info, "connected_slaves")).toBe(0);
  });

  it("finds the connected replica on the master", () => {
    const master = parseInfo(fixture("info-replication-master.txt"));
    expect(Object.keys(master.sections)).toEqual(["replication"]);
    expect(master.replicas).toEqual([{ index: 0, ip: "127.0.0.1", port: 27102, state: "online", offset: 3212, lag: 0 }]);
    expect(infoNumber(master, "master_repl_offset")).toBe(3212);
  });

  it("reads the replica's view of its master", () => {
    const replica = parseInfo(fixture("info-replication-replica.txt"));
    expect(infoString(replica, "role")).toBe("slave");
    expect(infoString(replica, "master_host")).toBe("127.0.0.1");
    expect(infoNumber(replica, "master_port")).toBe(27101);
    expect(infoString(replica, "master_link_status")).toBe("up");
    expect(replica.replicas).toEqual([]);
  });

  it("parses CLUSTER INFO with parseKeyValueLines", () => {
    expect(parseKeyValueLines(fixture("cluster-info.txt"))).toMatchObject({ cluster_state: "ok", cluster_slots_assigned: "16384", cluster_size: "3" });
    expect(parseKeyValueLines(fixture("cluster-info-fail.txt"))).toMatchObject({ cluster_state: "fail", cluster_slots_fail: "5461", cluster_slots_ok: "10923" });
  });
});

describe("parseInfo edge cases", () => {
  it("gives the same result for CRLF, LF and CR line endings", () => {
    const lines = ["# Server", "redis_version:7.0.15", "", "# Keyspace", "db0:keys=1,expires=0,avg_ttl=0"];
    const lf = parseInfo(lines.join("\n"));
    expect(parseInfo(lines.join("\r\n"))).toEqual(lf);
    expect(parseInfo(lines.join("\r"))).toEqual(lf);
    expect(lf.keyspace).toEqual([{ db: 0, keys: 1, expires: 0, avgTtlMs: 0 }]);
  });

  it("splits on the first colon only", () => {
    const info = parseInfo("# Server\r\nexecutable:/usr/bin/redis-server\r\nmaster_host:fe80::1:2\r\ntime:12:34:56\r\n");
    expect(info.fields).toEqual({ executable: "/usr/bin/redis-server", master_host: "fe80::1:2", time: "12:34:56" });
  });

  it("puts header-less fields in a default section", () => {
    const info = parseInfo("role:master\nconnected_slaves:0\n");
    expect(info.sections).toEqual({ default: { role: "master", connected_slaves: "0" } });
  });

  it("keeps subexpiry-style extra keyspace fields from breaking the db line", () => {
    expect(parseInfo("db9:keys=5,expires=2,avg_ttl=10,subexpiry=1").keyspace).toEqual([{ db: 9, keys: 5, expires: 2, avgTtlMs: 10 }]);
  });

  it("sorts replicas by index and tolerates missing sub-fields", () => {
    const info = parseInfo("slave1:ip=10.0.0.2,port=6380,state=wait_bgsave\nslave0:ip=::1,port=6379,state=online,offset=10,lag=1\n");
    expect(info.replicas.map((r) => [r.index, r.ip, r.offset, r.lag])).toEqual([
      [0, "::1", 10, 1],
      [1, "10.0.0.2", 0, -1],
    ]);
  });

  it("reads the pre-2.8 positional replica format", () => {
    expect(parseInfo("slave0:10.0.0.5,6379,online").replicas).toEqual([{ index: 0, ip: "10.0.0.5", port: 6379, state: "online", offset: 0, lag: -1 }]);
  });

  it("lowercases command names and accepts stats without rejected/failed counters (Redis < 6.2)", () => {
    const info = parseInfo("cmdstat_GET:calls=4,usec=8,usec_per_call=2.00\ncmdstat_bad:usec=1\ncmdstat_:calls=1");
    expect(info.commandstats).toEqual([{ command: "get", calls: 4, usec: 8, usecPerCall: 2, rejectedCalls: 0, failedCalls: 0 }]);
  });

  it("skips malformed lines and keeps the rest", () => {
    const info = parseInfo("garbage\n:nokey\n# \nused_memory:100\ndb0:keys=abc\nerrorstat_ERR:count=x\nerrorstat_MOVED:count=2\n");
    expect(info.fields).toEqual({ used_memory: "100", db0: "keys=abc", errorstat_ERR: "count=x", errorstat_MOVED: "count=2" });
    expect(info.keyspace).toEqual([]);
    expect(info.errorstats).toEqual({ MOVED: 2 });
  });

  it("keeps prototype-named keys as plain data", () => {
    const info = parseInfo("# __proto__\n__proto__:x\nconstructor:y\nerrorstat___proto__:count=1\n");
    expect(Object.getPrototypeOf(info.fields)).toBe(Object.prototype);
    expect(infoString(info, "__proto__")).toBe("x");
    expect(infoString(info, "constructor")).toBe("y");
    expect(Object.keys(info.sections)).toEqual(["__proto__"]);
    expect(Object.keys(info.errorstats)).toEqual(["__proto__"]);
  });

  it("accepts a Buffer and treats non-text input as empty", () => {
    expect(parseInfo(Buffer.from("# Server\r\nhz:10\r\n")).fields).toEqual({ hz: "10" });
    for (const input of [undefined, null, 42, {}, ["a:b"], Symbol("x")]) {
      expect(parseInfo(input)).toEqual({ sections: {}, fields: {}, replicas: [], keyspace: [], commandstats: [], errorstats: {} });
    }
  });
});

describe("parseInfo properties", () => {
  const fragments = fc.constantFrom(
    "a:b", "\r\n", "\n", "\r", "# X", "# Keyspace", "=", ",", ":", "slave0:ip=", "slave1:ip=1.2.3.4,port=", "db0:keys=x",
    "db1:keys=3,expires=1,avg_ttl=", "cmdstat_get:calls=", "errorstat_ERR:count=", "usec=", "1", "-1", "1e309", "NaN", "__proto__", " ",
  );
  const plausible = fc.array(fc.oneof(fragments, fc.string({ maxLength: 5 })), { maxLength: 60 }).map((parts) => parts.join(""));

  const check = (input: unknown) => {
    const info = parseInfo(input);
    expectInfoShape(info);
    for (const key of Object.keys(info.fields)) expect(infoNumber(info, key) ?? 0).not.toBeNaN();
    for (const value of Object.values(parseKeyValueLines(input))) expect(typeof value).toBe("string");
  };

  it("never throws on any value or binary junk and returns the snapshot shape", () => {
    const junk = fc.oneof(fc.anything({ withBoxedValues: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true, withBigInt: true }), binaryText, fc.uint8Array({ maxLength: 80 }));
    fc.assert(fc.property(junk, check), { numRuns: 500 });
  });

  it("never throws on text built from INFO-like fragments", () => {
    fc.assert(fc.property(plausible, check), { numRuns: 500 });
  });

  it("round-trips well-formed sections regardless of line endings", () => {
    const key = fc.stringMatching(/^[a-z][a-z0-9_]{0,12}$/);
    const value = fc.string({ maxLength: 20 }).map((s) => s.replace(/[\r\n]/g, "").trim());
    const sections = fc.dictionary(fc.stringMatching(/^[A-Z][a-z]{1,8}$/), fc.dictionary(key, value, { maxKeys: 6 }), { maxKeys: 4 });
    fc.assert(
      fc.property(sections, fc.constantFrom("\n", "\r\n"), (input, eol) => {
        const text = Object.entries(input)
          .map(([name, fields]) => [`# ${name}`, ...Object.entries(fields).map(([k, v]) => `${k}:${v}`)].join(eol))
          .join(eol + eol);
        const info = parseInfo(text);
        const expected: Record<string, Record<string, string>> = {};
        for (const [name, fields] of Object.entries(input)) expected[name.toLowerCase()] = { ...expected[name.toLowerCase()], ...fields };
        expect(info.sections).toEqual(expected);
        expect(parseKeyValueLines(text)).toEqual(info.fields);
      }),
      { numRuns: 300 },
    );
  });
});
