import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseMemoryStats } from "./memory-stats";

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), "utf8"));

describe("parseMemoryStats", () => {
  const stats = parseMemoryStats(fixture("memory-stats.json"));

  it("reads integer fields as numbers", () => {
    expect(stats.fields["peak.allocated"]).toBe(1782640);
    expect(stats.fields["keys.count"]).toBe(87);
    expect(stats.fields["fragmentation.bytes"]).toBe(5718672);
  });

  it("turns RESP2 float strings into numbers", () => {
    expect(stats.fields.fragmentation).toBeCloseTo(4.4149, 4);
    expect(stats.fields["dataset.percentage"]).toBeCloseTo(77.54, 2);
    expect(typeof stats.fields["allocator-fragmentation.ratio"]).toBe("number");
  });

  it("extracts per-db hashtable overheads and keeps db.N out of fields", () => {
    expect(stats.dbs).toEqual({
      "0": { overheadHashtableMain: 3664, overheadHashtableExpires: 368 },
      "2": { overheadHashtableMain: 1096, overheadHashtableExpires: 736 },
    });
    expect(Object.keys(stats.fields).some((k) => k.startsWith("db."))).toBe(false);
  });

  it("keeps non-numeric text as text and accepts the RESP3 map shape", () => {
    expect(parseMemoryStats(["note", "hello", "n", "12", "bad", null])).toEqual({ fields: { note: "hello", n: 12 }, dbs: {} });
    expect(parseMemoryStats({ "peak.allocated": 5, "db.1": { "overhead.hashtable.main": 7, "overhead.hashtable.expires": 8 } })).toEqual({
      fields: { "peak.allocated": 5 },
      dbs: { "1": { overheadHashtableMain: 7, overheadHashtableExpires: 8 } },
    });
  });

  it("defaults a malformed db entry to zeros", () => {
    expect(parseMemoryStats(["db.3", "garbage"]).dbs).toEqual({ "3": { overheadHashtableMain: 0, overheadHashtableExpires: 0 } });
  });

  it("never throws and returns the right shape", () => {
    const key = fc.constantFrom("peak.allocated", "db.0", "db.x", "fragmentation", "__proto__", "");
    const value = fc.oneof(fc.integer(), fc.double(), fc.string({ maxLength: 8 }), fc.array(fc.oneof(fc.string({ maxLength: 30 }), fc.integer()), { maxLength: 6 }), fc.constant(null));
    fc.assert(
      fc.property(fc.oneof(fc.anything({ withTypedArray: true, withBigInt: true, withNullPrototype: true, withMap: true }), fc.array(fc.oneof(key, value), { maxLength: 20 })), (input) => {
        const stats = parseMemoryStats(input);
        for (const v of Object.values(stats.fields)) {
          if (typeof v === "number") expect(Number.isFinite(v)).toBe(true);
          else expect(typeof v).toBe("string");
        }
        for (const db of Object.values(stats.dbs)) {
          expect(Number.isFinite(db.overheadHashtableMain)).toBe(true);
          expect(Number.isFinite(db.overheadHashtableExpires)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
