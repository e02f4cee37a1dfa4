import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseSlowlog, type SlowlogEntry } from "./slowlog";

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), "utf8"));

function expectEntryShape(e: SlowlogEntry) {
  for (const n of [e.id, e.timestamp, e.durationUs]) expect(Number.isFinite(n)).toBe(true);
  expect(Array.isArray(e.argv)).toBe(true);
  for (const a of e.argv) expect(typeof a).toBe("string");
  expect(typeof e.clientAddr).toBe("string");
  expect(typeof e.clientName).toBe("string");
}

describe("parseSlowlog on a real SLOWLOG GET 10 reply (ioredis, protocol 2)", () => {
  const entries = parseSlowlog(fixture("slowlog-get-10.json"));

  it("returns every entry, newest first, with client address and name", () => {
    expect(entries.map((e) => e.id)).toEqual([49945, 49944, 49943, 49942, 49941, 49940]);
    entries.forEach(expectEntryShape);
    expect(entries[0]).toEqual({
      id: 49945,
      timestamp: 1795529412,
      durationUs: 31,
      argv: ["KEYS", "user:*"],
      clientAddr: "127.0.0.1:47630",
      clientName: "fixture-main",
    });
  });

  it("keeps Redis's argument-count truncation as given", () => {
    const rpush = entries.find((e) => e.argv[0] === "rpush");
    expect(rpush?.argv).toHaveLength(32);
    expect(rpush?.argv[30]).toBe("item-28");
    expect(rpush?.argv[31]).toBe("... (11 more arguments)");
  });

  it("keeps Redis's string truncation as given", () => {
    const set = entries.find((e) => e.argv[0] === "set");
    expect(set?.argv[2]).toBe(`${"x".repeat(128)}... (72 more bytes)`);
  });

  it("keeps spaces, quotes and newlines inside arguments", () => {
    expect(entries.find((e) => e.argv[0] === "hset")?.argv).toEqual(["hset", "h:2", "field with spaces", 'val"quote\n']);
  });
});

describe("parseSlowlog edge cases", () => {
  it("accepts Buffers and numbers in argv, and numeric strings (stringNumbers) for the header", () => {
    const [e] = parseSlowlog([["7", "1700000000", "1500", [Buffer.from("SET"), Buffer.from([0x6b, 0xff]), 42], Buffer.from("10.0.0.1:5000"), ""]]);
    expect(e).toEqual({ id: 7, timestamp: 1700000000, durationUs: 1500, argv: ["SET", "k\uFFFD", "42"], clientAddr: "10.0.0.1:5000", clientName: "" });
  });

  it("reads pre-4.0 entries without client fields", () => {
    expect(parseSlowlog([[1, 2, 3, ["ping"]]])).toEqual([{ id: 1, timestamp: 2, durationUs: 3, argv: ["ping"], clientAddr: "", clientName: "" }]);
  });

  it("skips malformed entries and keeps the good ones", () => {
    const good = [5, 6, 7, ["get", "k"], "a:1", "n"];
    expect(parseSlowlog([null, "x", [1, 2], ["a", 2, 3, []], [1, 2, 3, "not-argv"], good, [1, 2, NaN, []]]).map((e) => e.id)).toEqual([5]);
  });

  it("returns [] for non-array replies", () => {
    for (const input of [undefined, null, "SLOWLOG", 3, {}, new Map()]) expect(parseSlowlog(input)).toEqual([]);
  });
});

describe("parseSlowlog properties", () => {
  const element = fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.double(), fc.uint8Array({ maxLength: 8 }), fc.constant(null), fc.bigInt());
  const entry = fc.oneof(
    fc.tuple(element, element, element, fc.array(element, { maxLength: 6 }), element, element),
    fc.array(fc.oneof(element, fc.array(element, { maxLength: 4 })), { maxLength: 7 }),
  );

  it("never throws and returns well-typed entries", () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything({ withTypedArray: true, withBigInt: true, withNullPrototype: true, withMap: true }), fc.array(entry, { maxLength: 10 })), (input) => {
        const entries = parseSlowlog(input);
        entries.forEach(expectEntryShape);
        expect(entries.length).toBeLessThanOrEqual(Array.isArray(input) ? input.length : 0);
      }),
      { numRuns: 500 },
    );
  });
});
