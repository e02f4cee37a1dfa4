import { describe, expect, it } from "vitest";
import { aggregate, downsample, mergeBuckets } from "./downsample";

describe("aggregate", () => {
  it("ignores gaps and returns undefined without values", () => {
    expect(aggregate([1, null, 3, Number.NaN])).toEqual({ min: 1, avg: 2, max: 3, n: 2 });
    expect(aggregate([null, null])).toBeUndefined();
  });
});

describe("downsample", () => {
  it("buckets points on aligned boundaries into min/avg/max", () => {
    const points: Array<[number, number | null]> = [
      [60_000, 1],
      [62_000, 5],
      [119_999, 3],
      [120_000, null],
      [180_500, 7],
    ];
    expect(downsample(points, 60_000)).toEqual([
      [60_000, 1, 3, 5],
      [120_000, null, null, null],
      [180_000, 7, 7, 7],
    ]);
  });
});

describe("mergeBuckets", () => {
  it("re-buckets rollups with a count-weighted average", () => {
    const rows = [
      { t: 0, min: 1, avg: 2, max: 3, n: 30 },
      { t: 60_000, min: 0, avg: 5, max: 9, n: 10 },
      { t: 300_000, min: 4, avg: 4, max: 4, n: 30 },
    ];
    expect(mergeBuckets(rows, 300_000)).toEqual([
      [0, 0, (2 * 30 + 5 * 10) / 40, 9],
      [300_000, 4, 4, 4],
    ]);
  });
});
