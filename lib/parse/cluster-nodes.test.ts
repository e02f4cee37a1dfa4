import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseClusterNodes, slotCount, type ClusterNode } from "./cluster-nodes";

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), "utf8");
// Any UTF-16 code units, lone surrogates included. (fc.string({ unit: "binary" }) costs ~0.8 s of warm-up under vitest.)
const binaryText = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 80 }).map((units) => String.fromCharCode(...units));

const A = "dfd2aadac3af81cbfd1b2aa46d0df9aba9806184"; // 27111, slots 0-5460
const B = "7aafeac68f76143042ae8fd448816cc7cdf1ea19"; // 27112, slots 5461-10922
const C = "92e9941a3de8489c35f67d0bc6b1ac46cc4e4729"; // 27113, slots 10923-16383, killed in the failure fixtures
const C_REPLICA = "86b50b32deaca86bed22a43a7db06455e295ec7c"; // 27115

function expectNodeShape(n: ClusterNode) {
  for (const s of [n.id, n.host, n.hostname]) expect(typeof s).toBe("string");
  expect(n.id.length).toBeGreaterThan(0);
  for (const x of [n.port, n.busPort, n.pingSent, n.pongRecv, n.configEpoch]) expect(Number.isFinite(x)).toBe(true);
  expect(["master", "replica", "unknown"]).toContain(n.role);
  expect(["fail", "pfail", null]).toContain(n.failing);
  expect(["connected", "disconnected"]).toContain(n.linkState);
  expect(n.masterId === null || (typeof n.masterId === "string" && n.masterId.length > 0)).toBe(true);
  for (const [start, end] of n.slots) {
    expect(Number.isInteger(start) && Number.isInteger(end)).toBe(true);
    expect(0 <= start && start <= end && end <= 16383).toBe(true);
  }
  for (const m of n.migrating) expect(typeof m.to === "string" && m.slot >= 0 && m.slot <= 16383).toBe(true);
  for (const i of n.importing) expect(typeof i.from === "string" && i.slot >= 0 && i.slot <= 16383).toBe(true);
  const count = slotCount(n);
  expect(count >= 0 && count <= 16384 * Math.max(1, n.slots.length)).toBe(true);
}

describe("parseClusterNodes on a real 3 masters + 3 replicas cluster", () => {
  const nodes = parseClusterNodes(fixture("cluster-nodes.txt"));
  const masters = nodes.filter((n) => n.role === "master");
  const replicas = nodes.filter((n) => n.role === "replica");

  it("finds 3 masters owning all 16384 slots and 3 replicas owning none", () => {
    expect(nodes).toHaveLength(6);
    nodes.forEach(expectNodeShape);
    expect(masters).toHaveLength(3);
    expect(masters.reduce((sum, n) => sum + slotCount(n), 0)).toBe(16384);
    expect(replicas).toHaveLength(3);
    expect(replicas.every((n) => slotCount(n) === 0 && n.slots.length === 0)).toBe(true);
  });

  it("links every replica to a master", () => {
    const masterIds = new Set(masters.map((n) => n.id));
    expect(replicas.every((n) => n.masterId !== null && masterIds.has(n.masterId))).toBe(true);
    expect(masters.every((n) => n.masterId === null)).toBe(true);
  });

  it("parses the myself line", () => {
    const me = nodes.filter((n) => n.myself);
    expect(me).toHaveLength(1);
    expect(me[0]).toMatchObject({ id: A, host: "127.0.0.1", port: 27111, busPort: 37111, flags: ["myself", "master"], pingSent: 0, configEpoch: 1, slots: [[0, 5460]], linkState: "connected", failing: null });
  });

  it("reads cluster-announce-hostname after the comma", () => {
    expect(nodes.find((n) => n.id === C)).toMatchObject({ host: "127.0.0.1", port: 27113, busPort: 37113, hostname: "redis-c.example.internal", slots: [[10923, 16383]] });
    expect(nodes.find((n) => n.id === B)?.hostname).toBe("");
  });

  it("shows a killed master as pfail first, then fail", () => {
    const pfail = parseClusterNodes(fixture("cluster-nodes-pfail.txt")).find((n) => n.id === C);
    expect(pfail).toMatchObject({ failing: "pfail", flags: ["master", "fail?"], role: "master", linkState: "disconnected" });
    expect(pfail?.pingSent).toBeGreaterThan(0);
    const fail = parseClusterNodes(fixture("cluster-nodes-fail.txt")).find((n) => n.id === C);
    expect(fail).toMatchObject({ failing: "fail", flags: ["master", "fail"], linkState: "disconnected" });
    // Until the failover completes, the failed master still holds its slots.
    expect(fail && slotCount(fail)).toBe(5461);
  });

  it("shows the promoted replica after failover", () => {
    const nodes = parseClusterNodes(fixture("cluster-nodes-failover.txt"));
    expect(nodes.find((n) => n.id === C)).toMatchObject({ failing: "fail", role: "master", slots: [] });
    expect(nodes.find((n) => n.id === C_REPLICA)).toMatchObject({ role: "master", masterId: null, configEpoch: 7, slots: [[10923, 16383]] });
    expect(nodes.filter((n) => n.failing === null && n.role === "master").reduce((s, n) => s + slotCount(n), 0)).toBe(16384);
  });

  it("parses a slot being migrated and imported", () => {
    const source = parseClusterNodes(fixture("cluster-nodes-migrating.txt")).find((n) => n.myself);
    expect(source).toMatchObject({ id: A, slots: [[0, 5460]], migrating: [{ slot: 93, to: B }], importing: [] });
    const target = parseClusterNodes(fixture("cluster-nodes-importing.txt")).find((n) => n.myself);
    expect(target).toMatchObject({ id: B, slots: [[5461, 10922]], importing: [{ slot: 93, from: A }], migrating: [] });
  });

  it("parses a handshake node and a node that does not know its own IP yet", () => {
    const handshake = parseClusterNodes(fixture("cluster-nodes-handshake.txt")).find((n) => n.flags.includes("handshake"));
    expect(handshake).toMatchObject({ host: "127.0.0.1", port: 27199, busPort: 37199, role: "unknown", linkState: "disconnected", masterId: null });
    const [fresh] = parseClusterNodes(fixture("cluster-nodes-fresh.txt"));
    expect(fresh).toMatchObject({ host: "", port: 27117, busPort: 37117, myself: true, role: "master", slots: [] });
  });
});

describe("parseClusterNodes edge cases", () => {
  it("parses a noaddr node", () => {
    const [n] = parseClusterNodes("e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca :0@0 master,noaddr - 1700000000000 1699999999000 5 disconnected\n");
    expect(n).toMatchObject({ host: "", port: 0, busPort: 0, flags: ["master", "noaddr"], role: "master", failing: null, linkState: "disconnected", slots: [] });
  });

  it("parses single slots, several ranges and both bracket forms", () => {
    const [n] = parseClusterNodes(`${A} 127.0.0.1:30001@40001 myself,master - 0 0 1 connected 0-99 100 102-104 [105->-${B}] [106-<-${C}]`);
    expect(n.slots).toEqual([[0, 99], [100, 100], [102, 104]]);
    expect(slotCount(n)).toBe(104);
    expect(n.migrating).toEqual([{ slot: 105, to: B }]);
    expect(n.importing).toEqual([{ slot: 106, from: C }]);
  });

  it("skips out-of-range and malformed slot tokens", () => {
    const [n] = parseClusterNodes(`${A} 127.0.0.1:30001@40001 master - 0 0 1 connected 5-3 16384 -1 a-b 1-2-3 [7->-] [x->-y] 16383`);
    expect(n.slots).toEqual([[16383, 16383]]);
    expect(n.migrating).toEqual([]);
  });

  it("reads replica, nofailover, IPv6 and pre-4.0 addresses", () => {
    const [r, v6, old] = parseClusterNodes(
      [
        `${B} 10.0.0.2:6379@16379 slave,nofailover ${A} 0 1 2 connected`,
        `${C} ::1:6379@16379 replica ${A} 0 1 2 connected`,
        `${C_REPLICA} 10.0.0.3:7000 master - 0 1 3 connected 0-10`,
      ].join("\r\n"),
    );
    expect(r).toMatchObject({ role: "replica", masterId: A, flags: ["slave", "nofailover"] });
    expect(v6).toMatchObject({ host: "::1", port: 6379, busPort: 16379, role: "replica" });
    expect(old).toMatchObject({ host: "10.0.0.3", port: 7000, busPort: 0, slots: [[0, 10]] });
  });

  it("ignores aux key=value fields after the hostname", () => {
    const [n] = parseClusterNodes(`${A} 127.0.0.1:30001@40001,,shard-id=abc master - 0 0 1 connected`);
    expect(n.hostname).toBe("");
  });

  it("skips short lines and non-text input", () => {
    expect(parseClusterNodes("abc 1:2@3 master - 0 0\n\n  \n")).toEqual([]);
    for (const input of [undefined, null, 7, {}, [fixture("cluster-nodes.txt")]]) expect(parseClusterNodes(input)).toEqual([]);
  });

  it("slotCount never throws on a damaged node", () => {
    expect(slotCount({ slots: null } as unknown as ClusterNode)).toBe(0);
  });
});

describe("parseClusterNodes properties", () => {
  const fragments = fc.constantFrom(
    A, " ", "\n", "127.0.0.1:30001@40001", ":0@0", ",host", "myself,master", "slave", "fail?", "fail", "-", "0", "1700000000000",
    "connected", "disconnected", "0-5460", "16384", "[93->-", "[93-<-", "]", "-", "@", ":",
  );
  const plausible = fc.array(fc.oneof(fragments, fc.string({ maxLength: 4 })), { maxLength: 60 }).map((p) => p.join(""));

  const check = (input: unknown) => parseClusterNodes(input).forEach(expectNodeShape);

  it("never throws on any value or binary junk", () => {
    fc.assert(fc.property(fc.oneof(fc.anything({ withTypedArray: true, withBigInt: true, withNullPrototype: true }), binaryText, fc.uint8Array({ maxLength: 80 })), check), { numRuns: 500 });
  });

  it("never throws on CLUSTER NODES-like fragments and returns well-formed nodes", () => {
    fc.assert(fc.property(plausible, check), { numRuns: 500 });
  });

  it("round-trips generated slot ranges", () => {
    const range = fc.tuple(fc.integer({ min: 0, max: 16383 }), fc.integer({ min: 0, max: 16383 })).map(([a, b]): [number, number] => (a <= b ? [a, b] : [b, a]));
    fc.assert(
      fc.property(fc.array(range, { maxLength: 10 }), (ranges) => {
        const tokens = ranges.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`));
        const [n] = parseClusterNodes(`${A} 127.0.0.1:7000@17000 master - 0 0 1 connected ${tokens.join(" ")}`);
        expect(n.slots).toEqual(ranges);
        expect(slotCount(n)).toBe(ranges.reduce((s, [a, b]) => s + b - a + 1, 0));
      }),
      { numRuns: 300 },
    );
  });
});
