import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseLatencyLatest } from "./latency";

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), "utf8"));

describe("parseLatencyLatest", () => {
  it("reads the real reply after a 60 ms Lua busy loop", () => {
    // Redis 7.0 files a slow EVAL under the generic `command` event.
    expect(parseLatencyLatest(fixture("latency-latest.json"))).toEqual([{ event: "command", timestamp: 1795529412, latestMs: 60, maxMs: 60 }]);
  });

  it("accepts numeric strings and Buffers, skips malformed rows", () => {
    expect(
      parseLatencyLatest([
        [Buffer.from("fork"), "1700000000", "12", "30"],
        ["expire-cycle", 1700000001, 5, 9, "extra-field-from-a-future-version"],
        ["", 1, 1, 1],
        ["short", 1, 1],
        ["bad", "x", 1, 1],
        "junk",
      ]),
    ).toEqual([
      { event: "fork", timestamp: 1700000000, latestMs: 12, maxMs: 30 },
      { event: "expire-cycle", timestamp: 1700000001, latestMs: 5, maxMs: 9 },
    ]);
  });

  it("returns [] for an empty or non-array reply", () => {
    for (const input of [[], undefined, null, "x", 1, {}]) expect(parseLatencyLatest(input)).toEqual([]);
  });

  it("never throws and returns well-typed events", () => {
    const element = fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.double(), fc.uint8Array({ maxLength: 4 }), fc.constant(undefined));
    fc.assert(
      fc.property(fc.oneof(fc.anything({ withTypedArray: true, withBigInt: true, withNullPrototype: true }), fc.array(fc.array(element, { maxLength: 6 }), { maxLength: 8 })), (input) => {
        for (const e of parseLatencyLatest(input)) {
          expect(typeof e.event).toBe("string");
          expect(e.event.length).toBeGreaterThan(0);
          for (const n of [e.timestamp, e.latestMs, e.maxMs]) expect(Number.isFinite(n)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
