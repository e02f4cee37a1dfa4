// Unit tests for shaping API series into Recharts rows: keys, bands, gaps, snapping and summaries.
import { describe, expect, it } from "vitest";
import type { MetricSeries } from "@/lib/metrics/metrics-response";
import { buildChart, firstSampleAt, lineLabel, valueExtent } from "./chart-data";

function series(points: MetricSeries["points"], over: Partial<MetricSeries> = {}): MetricSeries {
  return { id: "ops.per_sec", title: "Commands", unit: "ops/s", node: "127.0.0.1:6379", shape: "value", points, thresholds: [], ...over };
}

describe("buildChart", () => {
  it("keys lines v0, v1 (series ids have dots Recharts would read as paths)", () => {
    const { rows, lines } = buildChart([series([[1000, 5], [3000, 7]])], 2000);
    expect(lines[0]).toMatchObject({ key: "v0", label: "Commands", unit: "ops/s" });
    expect(lines[0]!.bandKey).toBeUndefined();
    expect(rows).toEqual([{ t: 1000, v0: 5 }, { t: 3000, v0: 7 }]);
  });

  it("keeps nulls as breaks and summarizes only real samples", () => {
    const { rows, summaries } = buildChart([series([[0, 4], [2000, null], [4000, 9], [6000, null]])], 2000);
    expect(rows.map((r) => r.v0)).toEqual([4, null, 9, null]);
    expect(summaries[0]).toMatchObject({ latest: 9, latestAt: 4000, min: 4, max: 9, samples: 2 });
  });

  it("inserts a break where samples are missing for longer than a few intervals", () => {
    const { rows } = buildChart([series([[0, 1], [2000, 2], [60_000, 3]])], 2000);
    expect(rows.map((r) => [r.t, r.v0])).toEqual([[0, 1], [2000, 2], [4000, null], [60_000, 3]]);
  });

  it("draws range points as the average with a [min, max] band", () => {
    const s = series([[0, 1, 2, 8], [60_000, null, null, null]], { shape: "range" });
    const { rows, lines, summaries } = buildChart([s], 60_000);
    expect(lines[0]!.bandKey).toBe("b0");
    expect(rows[0]).toEqual({ t: 0, v0: 2, b0: [1, 8] });
    expect(rows[1]).toEqual({ t: 60_000, v0: null, b0: null });
    expect(summaries[0]).toMatchObject({ latest: 2, min: 1, max: 8, samples: 1 });
  });

  it("snaps several nodes sampled ms apart onto shared rows", () => {
    const a = series([[2001, 1], [4002, 2]], { node: "10.0.0.1:6379" });
    const b = series([[1998, 10], [3999, 20]], { node: "10.0.0.2:6379" });
    const { rows, lines } = buildChart([a, b], 2000);
    expect(rows).toEqual([{ t: 2000, v0: 1, v1: 10 }, { t: 4000, v0: 2, v1: 20 }]);
    expect(lines.map((l) => l.label)).toEqual(["10.0.0.1:6379", "10.0.0.2:6379"]);
  });

  it("has no rows and no samples for empty series", () => {
    const { rows, summaries } = buildChart([series([])], 2000);
    expect(rows).toEqual([]);
    expect(summaries[0]).toMatchObject({ latest: null, min: null, max: null, samples: 0 });
  });
});

describe("lineLabel", () => {
  it("names the replica, else the node, else the series", () => {
    const gap = series([], { id: "replication.replica_gap_bytes", labels: { replica: "10.0.0.2:6379" } });
    expect(lineLabel(gap, [gap])).toBe("replica 10.0.0.2:6379");
    const one = series([]);
    expect(lineLabel(one, [one])).toBe("Commands");
  });
});

describe("valueExtent", () => {
  it("spans every line", () => {
    const { summaries } = buildChart([series([[0, 3]]), series([[0, -1], [2000, 12]], { node: "b" })], 2000);
    expect(valueExtent(summaries)).toEqual({ min: -1, max: 12 });
    expect(valueExtent([])).toEqual({ min: null, max: null });
  });
});

describe("firstSampleAt", () => {
  it("finds the earliest point holding a value, range points included", () => {
    const a = series([[5000, null], [7000, 1]]);
    const b = series([[6000, null, 2, null]], { shape: "range" });
    expect(firstSampleAt([a, b])).toBe(6000);
    expect(firstSampleAt([series([[1, null]])])).toBeNull();
  });
});
