import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseConfigGet } from "./config-get";

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), "utf8"));

describe("parseConfigGet", () => {
  const config = parseConfigGet(fixture("config-get-all.json"));

  it("reads the real CONFIG GET * reply", () => {
    expect(Object.keys(config)).toHaveLength(192);
    expect(config).toMatchObject({
      maxmemory: "0",
      "maxmemory-policy": "noeviction",
      save: "",
      appendonly: "no",
      "slowlog-log-slower-than": "0",
      "latency-monitor-threshold": "1",
      "client-output-buffer-limit": "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60",
    });
  });

  it("accepts the RESP3 map shapes", () => {
    expect(parseConfigGet({ maxmemory: "100mb", "hz": 10 })).toEqual({ maxmemory: "100mb", hz: "10" });
    expect(parseConfigGet(new Map([["maxclients", "10000"]]))).toEqual({ maxclients: "10000" });
  });

  it("accepts Buffers, skips non-text pairs and a dangling name", () => {
    expect(parseConfigGet([Buffer.from("dir"), Buffer.from("/data"), "bad", { x: 1 }, null, "v", "dangling"])).toEqual({ dir: "/data" });
  });

  it("keeps prototype-named keys as data", () => {
    const config = parseConfigGet(["__proto__", "x", "constructor", "y"]);
    expect(Object.getPrototypeOf(config)).toBe(Object.prototype);
    expect(Object.keys(config)).toEqual(["__proto__", "constructor"]);
  });

  it("returns {} for anything else", () => {
    for (const input of [undefined, null, "x", 1, new Date(), [[]]]) expect(parseConfigGet(input)).toEqual({});
  });

  it("round-trips any flat name/value array", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), fc.string({ maxLength: 20 }), { maxKeys: 20 }), (dict) => {
        expect(parseConfigGet(Object.entries(dict).flat())).toEqual(dict);
      }),
      { numRuns: 300 },
    );
  });

  it("never throws and returns only string values", () => {
    fc.assert(
      fc.property(fc.anything({ withTypedArray: true, withBigInt: true, withNullPrototype: true, withMap: true, withSet: true, withBoxedValues: true }), (input) => {
        for (const value of Object.values(parseConfigGet(input))) expect(typeof value).toBe("string");
      }),
      { numRuns: 500 },
    );
  });
});
