import { describe, expect, it } from "vitest";
import * as parse from "./index";
import { parseNumber, replyNumber, replyPairs, replyText, splitHostPort } from "./reply";

describe("reply coercion", () => {
  it("parseNumber accepts decimal text only", () => {
    expect(["1", "-1", "+2", "1.5", ".5", "5.", "1e3", " 7 "].map(parseNumber)).toEqual([1, -1, 2, 1.5, 0.5, 5, 1000, 7]);
    for (const bad of ["", " ", "0x1f", "Infinity", "NaN", "1e309", "1,000", "12abc", "1.65M", "96.89%"]) expect(parseNumber(bad)).toBeUndefined();
  });

  it("replyNumber and replyText accept numbers, strings, Buffers and bigints", () => {
    expect([3, "4", Buffer.from("5"), 6n, NaN, Infinity, null, {}, ["1"]].map(replyNumber)).toEqual([3, 4, 5, 6, undefined, undefined, undefined, undefined, undefined]);
    expect([3, "a", Buffer.from("b"), new Uint8Array([0x63]), 1n, null, {}, ["x"]].map(replyText)).toEqual(["3", "a", "b", "c", "1", undefined, undefined, undefined]);
  });

  it("replyPairs reads flat arrays, plain and null-prototype objects and Maps, nothing else", () => {
    const nullProto = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1 });
    expect(replyPairs(["a", 1, "b"])).toEqual([["a", 1]]);
    expect(replyPairs(nullProto)).toEqual([["a", 1]]);
    expect(replyPairs(new Map([["a", 1]]))).toEqual([["a", 1]]);
    for (const other of [new Date(), new Set(["a", 1]), "ab", 1, null]) expect(replyPairs(other)).toEqual([]);
  });

  it("splitHostPort keeps IPv6 and socket paths whole", () => {
    expect(splitHostPort("[::1]:6379")).toEqual({ host: "::1", port: 6379 });
    expect(splitHostPort("fe80::1:6379")).toEqual({ host: "fe80::1", port: 6379 });
    expect(splitHostPort("/var/run/redis.sock:0")).toEqual({ host: "/var/run/redis.sock", port: 0 });
    expect(splitHostPort("nohost")).toEqual({ host: "nohost", port: 0 });
    expect(splitHostPort("host:")).toEqual({ host: "host", port: 0 });
  });
});

describe("every parser survives hostile inputs", () => {
  const revoked = Proxy.revocable([], {});
  revoked.revoke();
  const throwingGetter = Object.defineProperty({}, "maxmemory", { enumerable: true, get: () => { throw new Error("boom"); } });
  const throwingIndex = Object.defineProperty(["a", 1], 1, { get: () => { throw new Error("boom"); } });
  const trap = new Proxy({}, { getPrototypeOf: () => { throw new Error("boom"); }, ownKeys: () => { throw new Error("boom"); } });
  const inputs: unknown[] = [revoked.proxy, throwingGetter, throwingIndex, [throwingIndex], trap, [trap], Symbol("s"), () => 1];

  it.each(inputs.map((input, i) => [i, input]))("input #%i", (_i, input) => {
    expect(parse.parseInfo(input).fields).toEqual({});
    expect(parse.parseKeyValueLines(input)).toEqual({});
    expect(parse.parseClientList(input)).toEqual([]);
    expect(parse.parseSlowlog(input)).toEqual([]);
    expect(parse.parseClusterNodes(input)).toEqual([]);
    expect(parse.parseLatencyLatest(input)).toEqual([]);
    expect(parse.parseConfigGet(input)).toEqual({});
    expect(parse.parseMemoryStats(input)).toEqual({ fields: {}, dbs: {} });
  });
});
