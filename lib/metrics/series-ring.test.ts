import { describe, expect, it } from "vitest";
import { MAX_COLUMNS, SeriesRing } from "./series-ring";

describe("SeriesRing", () => {
  it("keeps the newest `capacity` samples in order, overwriting the oldest", () => {
    const ring = new SeriesRing(3);
    for (let i = 1; i <= 5; i++) ring.push(i * 1000, { a: i });
    expect(ring.size).toBe(3);
    expect(ring.points("a")).toEqual([
      [3000, 3],
      [4000, 4],
      [5000, 5],
    ]);
    expect(ring.firstTime()).toBe(3000);
  });

  it("fills a column that appears later, or is missing from a sample, with gaps", () => {
    const ring = new SeriesRing(4);
    ring.push(1000, { a: 1 });
    ring.push(2000, { a: 2, b: 20 });
    ring.push(3000, {});
    expect(ring.points("b")).toEqual([
      [1000, null],
      [2000, 20],
      [3000, null],
    ]);
    expect(ring.points("a", 2000, 3000)).toEqual([[2000, 2]]);
    expect(ring.points("nope")).toEqual([]);
  });

  it("reads many columns over one scan of a window", () => {
    const ring = new SeriesRing(3);
    for (let i = 1; i <= 4; i++) ring.push(i * 1000, { a: i, ...(i % 2 ? {} : { b: i * 10 }) });
    const slots = ring.window(2000, 4000);
    expect(slots.map(([t]) => t)).toEqual([2000, 3000]);
    expect(slots.map(([, slot]) => [ring.at("a", slot), ring.at("b", slot), ring.at("zz", slot)])).toEqual([
      [2, 20, null],
      [3, null, null],
    ]);
  });

  it("bounds memory: capacity × (8 + 4 × columns) bytes, columns capped", () => {
    const ring = new SeriesRing(1800);
    const values: Record<string, number> = {};
    for (let i = 0; i < MAX_COLUMNS + 10; i++) values[`s${i}`] = i;
    ring.push(0, values);
    expect(ring.keys()).toHaveLength(MAX_COLUMNS);
    expect(ring.bytes).toBe(1800 * 8 + MAX_COLUMNS * 1800 * 4);
  });

  it("stores Float32: large byte counts keep about 7 significant digits", () => {
    const ring = new SeriesRing(2);
    ring.push(0, { mem: 12_345_678_901 });
    expect(ring.points("mem")[0]![1]! / 12_345_678_901).toBeCloseTo(1, 6);
  });
});
