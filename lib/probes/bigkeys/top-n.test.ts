import { describe, expect, it } from "vitest";
import { TopN } from "./top-n";

interface E {
  id: string;
  bytes: number;
}

const e = (id: string, bytes: number): E => ({ id, bytes });

describe("TopN", () => {
  it("keeps the N biggest of many, biggest first", () => {
    const top = new TopN<E>(3, (x) => x.bytes);
    const sizes = Array.from({ length: 1000 }, (_, i) => (i * 7919) % 1000);
    for (const [i, s] of sizes.entries()) top.offer(e(`k${i}`, s));
    expect(top.sorted().map((x) => x.bytes)).toEqual([999, 998, 997]);
    expect(top.size).toBe(3);
  });

  it("reports a floor of 0 until full, then the smallest kept score", () => {
    const top = new TopN<E>(2, (x) => x.bytes);
    expect(top.floor).toBe(0);
    top.offer(e("a", 10));
    expect(top.admits(1)).toBe(true);
    top.offer(e("b", 20));
    expect(top.floor).toBe(10);
    expect(top.admits(10)).toBe(false);
    expect(top.admits(11)).toBe(true);
  });

  it("turns away an entry no bigger than the floor and evicts the smallest for a bigger one", () => {
    const top = new TopN<E>(2, (x) => x.bytes);
    top.offer(e("a", 10));
    top.offer(e("b", 20));
    expect(top.offer(e("c", 10))).toBe(false);
    expect(top.offer(e("d", 30))).toBe(true);
    expect(top.sorted().map((x) => x.id)).toEqual(["d", "b"]);
    expect(top.has("a")).toBe(false);
  });

  it("keeps an id once even when offered twice", () => {
    const top = new TopN<E>(5, (x) => x.bytes);
    expect(top.offer(e("a", 10))).toBe(true);
    expect(top.offer(e("a", 10))).toBe(false);
    expect(top.size).toBe(1);
  });

  it("orders ties by id", () => {
    const top = new TopN<E>(3, (x) => x.bytes);
    for (const id of ["c", "a", "b"]) top.offer(e(id, 5));
    expect(top.sorted().map((x) => x.id)).toEqual(["a", "b", "c"]);
  });

  it("rejects a capacity that is not a positive integer", () => {
    expect(() => new TopN<E>(0, (x) => x.bytes)).toThrow(RangeError);
  });
});
