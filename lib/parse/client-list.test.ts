import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseClientList, type ClientInfo } from "./client-list";

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), "utf8");
// Any UTF-16 code units, lone surrogates included. (fc.string({ unit: "binary" }) costs ~0.8 s of warm-up under vitest.)
const binaryText = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 80 }).map((units) => String.fromCharCode(...units));

const NUMBER_FIELDS = ["id", "port", "age", "idle", "db", "sub", "psub", "multi", "qbuf", "obl", "oll", "omem", "totMem"] as const;
const STRING_FIELDS = ["addr", "host", "laddr", "name", "flags", "cmd", "user", "libName", "libVer"] as const;

function expectClientShape(c: ClientInfo) {
  for (const f of NUMBER_FIELDS) expect(Number.isFinite(c[f])).toBe(true);
  for (const f of STRING_FIELDS) expect(typeof c[f]).toBe("string");
  for (const v of Object.values(c.raw)) expect(typeof v).toBe("string");
}

describe("parseClientList on real redis-server 7.0 output", () => {
  const clients = parseClientList(fixture("client-list.txt"));
  const byName = (name: string) => clients.find((c) => c.name === name);

  it("finds every connected client", () => {
    expect(clients).toHaveLength(8);
    expect(clients.map((c) => c.id).sort((a, b) => a - b)).toEqual([4, 5, 6, 7, 8, 9, 10, 11]);
    clients.forEach(expectClientShape);
  });

  it("maps the fields of a named client", () => {
    expect(byName("redline:probe")).toMatchObject({
      id: 5,
      addr: "127.0.0.1:47646",
      host: "127.0.0.1",
      port: 47646,
      laddr: "127.0.0.1:27100",
      age: 2,
      idle: 0,
      flags: "N",
      db: 0,
      multi: -1,
      totMem: 22272,
      cmd: "ping",
      user: "default",
      // lib-name / lib-ver only exist from Redis 7.2.
      libName: "",
      libVer: "",
    });
  });

  it("keeps an `=` and `,` in a client name inside the name", () => {
    const evil = byName("evil=name,id=999");
    expect(evil?.id).toBe(6);
    expect(evil?.raw.id).toBe("6");
  });

  it("reads an empty name as empty", () => {
    const anon = clients.find((c) => c.id === 7);
    expect(anon?.name).toBe("");
    expect(anon?.raw).toHaveProperty("name", "");
  });

  it("shows pub/sub, MULTI, blocked and non-default db clients", () => {
    expect(byName("subscriber")).toMatchObject({ flags: "P", sub: 2, psub: 1, cmd: "psubscribe" });
    expect(byName("in-multi")).toMatchObject({ flags: "x", multi: 2 });
    expect(byName("blocker")).toMatchObject({ flags: "b", cmd: "blpop" });
    expect(byName("db3-user")?.db).toBe(3);
    expect(byName("fixture-main")?.cmd).toBe("client|list");
  });

  it("keeps fields the interface does not model in raw", () => {
    expect(byName("subscriber")?.raw).toMatchObject({ ssub: "0", resp: "2", "qbuf-free": "20474", events: "r" });
  });
});

describe("parseClientList edge cases", () => {
  it("splits IPv6 and unix socket addresses", () => {
    const [v6, unix] = parseClientList(
      "id=1 addr=[::1]:52342 laddr=[::1]:6379 fd=8 name= age=0 idle=0 flags=N db=0 cmd=client|list\n" +
        "id=2 addr=/tmp/redis.sock:0 laddr=/tmp/redis.sock:0 fd=9 name=worker age=5 idle=5 flags=U db=1 cmd=get\n",
    );
    expect(v6).toMatchObject({ host: "::1", port: 52342, laddr: "[::1]:6379", name: "" });
    expect(unix).toMatchObject({ host: "/tmp/redis.sock", port: 0, flags: "U", db: 1, name: "worker" });
  });

  it("defaults missing fields, ignores blank lines and CRLF", () => {
    const clients = parseClientList("\r\nid=3 addr=10.0.0.1:5000\r\n\r\n");
    expect(clients).toHaveLength(1);
    expect(clients[0]).toMatchObject({ id: 3, host: "10.0.0.1", port: 5000, name: "", age: 0, totMem: 0, cmd: "", libName: "" });
  });

  it("reads lib-name and lib-ver from Redis 7.2+", () => {
    const [c] = parseClientList("id=9 addr=127.0.0.1:1 name=x lib-name=ioredis lib-ver=6.0.0");
    expect(c).toMatchObject({ libName: "ioredis", libVer: "6.0.0" });
  });

  it("keeps hostile names as plain data", () => {
    const [a, b] = parseClientList("id=1 addr=a:1 name=__proto__ cmd=x\nid=2 addr=b:2 name=<script>alert(1)</script> __proto__=polluted");
    expect(a.name).toBe("__proto__");
    expect(b.name).toBe("<script>alert(1)</script>");
    expect(Object.getPrototypeOf(b.raw)).toBe(Object.prototype);
    expect(b.raw.__proto__).toBe("polluted");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("glues a space-separated fragment back onto the value before it", () => {
    expect(parseClientList("id=1 addr=a:1 name=two words cmd=get")[0]).toMatchObject({ name: "two words", cmd: "get" });
  });

  it("keeps the first value when a key repeats", () => {
    expect(parseClientList("id=1 id=2 addr=x:1")[0].id).toBe(1);
  });

  it("skips lines that are not clients and non-text input", () => {
    expect(parseClientList("hello world\n# header\nfoo=bar")).toEqual([]);
    for (const input of [undefined, null, 1, {}, [], new Map()]) expect(parseClientList(input)).toEqual([]);
    expect(parseClientList(Buffer.from("id=1 addr=x:2"))).toHaveLength(1);
  });
});

describe("parseClientList properties", () => {
  const fragments = fc.constantFrom("id=", "addr=", "[::1]:", "/tmp/s.sock:0", "name=", "=", " ", "\n", "\r\n", "1", "-1", "x", "tot-mem=", "__proto__", "lib-name=");
  const plausible = fc.array(fc.oneof(fragments, fc.string({ maxLength: 4 })), { maxLength: 60 }).map((p) => p.join(""));

  const check = (input: unknown) => {
    const clients = parseClientList(input);
    expect(Array.isArray(clients)).toBe(true);
    clients.forEach(expectClientShape);
    if (typeof input === "string") expect(clients.length).toBeLessThanOrEqual(input.split(/\r\n|\n|\r/).length);
  };

  it("never throws on any value or binary junk", () => {
    fc.assert(fc.property(fc.oneof(fc.anything({ withTypedArray: true, withNullPrototype: true, withBigInt: true, withMap: true }), binaryText, fc.uint8Array({ maxLength: 80 })), check), { numRuns: 500 });
  });

  it("never throws on CLIENT LIST-like fragments and returns well-typed clients, at most one per line", () => {
    fc.assert(fc.property(plausible, check), { numRuns: 500 });
  });

  it("round-trips any name CLIENT SETNAME accepts (printable ASCII without spaces)", () => {
    const name = fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 30 });
    fc.assert(
      fc.property(name, fc.nat(), (n, id) => {
        const [c] = parseClientList(`id=${id} addr=127.0.0.1:6000 laddr=127.0.0.1:6379 fd=8 name=${n} age=1 idle=1 flags=N db=0 cmd=ping user=default`);
        expect(c.name).toBe(n);
        expect(c.id).toBe(id);
        expect(c.cmd).toBe("ping");
      }),
      { numRuns: 300 },
    );
  });
});
