import { describe, expect, it } from "vitest";
import { median, ratio, round, summarize } from "./stats";

describe("summarize", () => {
  it("gives nearest-rank percentiles and the max of many samples without spreading them", () => {
    const xs = Array.from({ length: 200_000 }, (_, i) => (i % 1000) / 10);
    const s = summarize(xs);
    expect(s).toEqual({ n: 200_000, p50: 49.9, p99: 98.9, max: 99.9 });
  });

  it("says nothing rather than 0 for no samples", () => {
    expect(summarize([])).toEqual({ n: 0, p50: null, p99: null, max: null });
  });
});

describe("median", () => {
  it("is the middle value, or the mean of the two middle ones", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([17, 18])).toBe(17.5);
    expect(median([])).toBeNull();
  });
});

describe("ratio and round", () => {
  it("has no ratio of a missing or zero reference", () => {
    expect(ratio(3, 2)).toBe(1.5);
    expect(ratio(3, 0)).toBeNull();
    expect(ratio(null, 2)).toBeNull();
    expect(round(Number.NaN)).toBeNull();
    expect(round(1.23456, 2)).toBe(1.23);
  });
});
