import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LATENCY_DIST_BOUNDS_US, latencyHistogram, percentile, summarizeLatency } from "./latency-stats";

describe("percentile (nearest rank)", () => {
  it("picks observed samples", () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 90)).toBe(90);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile(sorted, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBe(0);
  });

  it("is monotonic and within min..max", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1 }), (values) => {
        const sorted = [...values].sort((a, b) => a - b);
        const ps = [0, 50, 90, 99, 100].map((p) => percentile(sorted, p));
        for (let i = 1; i < ps.length; i++) expect(ps[i]!).toBeGreaterThanOrEqual(ps[i - 1]!);
        expect(ps[0]).toBe(sorted[0]);
        expect(ps[4]).toBe(sorted[sorted.length - 1]);
      }),
    );
  });
});

describe("summarizeLatency", () => {
  it("reports ms with µs resolution", () => {
    expect(summarizeLatency([100, 200, 300, 400, 5_000])).toEqual({
      samples: 5, minMs: 0.1, avgMs: 1.2, p50Ms: 0.3, p90Ms: 5, p99Ms: 5, maxMs: 5,
    });
    expect(summarizeLatency([]).samples).toBe(0);
  });
});

describe("latencyHistogram", () => {
  it("uses redis-cli --latency-dist buckets, upper bound inclusive, plus > 60 s", () => {
    const h = latencyHistogram([5, 10, 11, 900, 1_000, 1_001, 75_000, 61_000_000]);
    expect(h).toHaveLength(LATENCY_DIST_BOUNDS_US.length + 1);
    const count = (upToMs: number | null) => h.find((b) => b.upToMs === upToMs)!.count;
    expect(count(0.01)).toBe(2);
    expect(count(0.125)).toBe(1);
    expect(count(1)).toBe(2);
    expect(count(2)).toBe(1);
    expect(count(100)).toBe(1);
    expect(count(null)).toBe(1);
    expect(h.reduce((s, b) => s + b.count, 0)).toBe(8);
    expect(h.find((b) => b.upToMs === 1)!.pct).toBe(25);
  });
});
