import { describe, expect, it } from "vitest";
import { BigkeyCollector, MAX_FLAGGED } from "./collector";

const T = { bytes: 10_000, elements: 1_000 };
const k = (s: string) => Buffer.from(s);

describe("BigkeyCollector", () => {
  it("counts every key by type and keeps the N biggest overall and per type", () => {
    const c = new BigkeyCollector(2, T);
    c.add("n1", k("s1"), "string", 50);
    c.add("n1", k("s2"), "string", 70);
    c.add("n1", k("s3"), "string", 60);
    c.add("n1", k("h1"), "hash", 900);
    c.add("n2", k("z1"), "zset", 800);
    expect(c.rows().map((r) => r.key)).toEqual(["h1", "z1"]);
    const strings = c.byType().find((t) => t.type === "string")!;
    expect(strings).toMatchObject({ keys: 3, bytes: 180, biggest: { key: "s2", bytes: 70 } });
    expect(strings.top.map((r) => r.key)).toEqual(["s2", "s3"]);
    expect(c.byType().map((t) => t.type)).toEqual(["string", "zset", "hash"]);
  });

  it("asks for the length only of keys that could rank or cross a threshold", () => {
    const c = new BigkeyCollector(2, T);
    expect(c.add("n", k("a"), "string", 100)).toBeDefined();
    expect(c.add("n", k("b"), "string", 200)).toBeDefined();
    // Full for strings and overall: a smaller string is just counted.
    expect(c.add("n", k("c"), "string", 50)).toBeUndefined();
    // Any key that could hold the element threshold is checked even when it does not rank.
    c.add("n", k("x"), "hash", 50_000);
    c.add("n", k("y"), "hash", 60_000);
    expect(c.add("n", k("z"), "hash", 1_500)).toBeDefined();
    expect(c.add("n", k("w"), "hash", 999)).toBeUndefined();
  });

  it("flags keys over the byte threshold at once and over the element threshold once their length is known", () => {
    const c = new BigkeyCollector(5, T);
    c.add("n", k("big"), "string", 20_000);
    const many = c.add("n", k("many"), "set", 5_000)!;
    expect(c.flagged().entries.map((e) => e.raw.toString())).toEqual(["big"]);
    c.setElements(many, 1_200);
    expect(c.flagged().entries.map((e) => e.raw.toString())).toEqual(["big", "many"]);
    expect(c.byType().find((t) => t.type === "set")!.mostElements).toMatchObject({ key: "many", elements: 1_200 });
  });

  it("keeps a key seen twice (SCAN during a rehash) once in the rankings and the flags", () => {
    const c = new BigkeyCollector(3, T);
    c.add("n", k("dup"), "string", 20_000);
    c.add("n", k("dup"), "string", 20_000);
    expect(c.rows()).toHaveLength(1);
    expect(c.flagged().entries).toHaveLength(1);
  });

  it("tells keys of the same name on different nodes apart", () => {
    const c = new BigkeyCollector(3, T);
    c.add("n1", k("same"), "list", 500);
    c.add("n2", k("same"), "list", 400);
    expect(c.rows().map((r) => r.node)).toEqual(["n1", "n2"]);
  });

  it("bounds the flagged list and counts the rest", () => {
    const c = new BigkeyCollector(1, T);
    for (let i = 0; i < MAX_FLAGGED + 5; i++) c.add("n", k(`k${i}`), "string", 20_000 + i);
    expect(c.flagged()).toMatchObject({ more: 5 });
    expect(c.flagged().entries).toHaveLength(MAX_FLAGGED);
  });

  it("shows binary key names escaped, with their bytes", () => {
    const c = new BigkeyCollector(1, T);
    c.add("n", Buffer.from([0x00, 0xff]), "string", 10);
    expect(c.rows()[0]).toMatchObject({ key: "\\x00\\xff", keyBase64: "AP8=" });
  });
});
