// Unit tests for chart refresh cadence and the metrics cache keys.
import { describe, expect, it } from "vitest";
import { isMetricWindow, metricsRefreshMs } from "./metric-windows";
import { alertKeys, metricKeys } from "./query-keys";
import { metricsUrl } from "./use-metrics";

describe("metricsRefreshMs", () => {
  it("follows the sampler up to an hour, the rollups beyond", () => {
    expect(metricsRefreshMs("15m")).toBe(2_000);
    expect(metricsRefreshMs("1h")).toBe(2_000);
    expect(metricsRefreshMs("6h")).toBe(60_000);
    expect(metricsRefreshMs("7d")).toBe(60_000);
  });
  it("recognizes windows", () => {
    expect(isMetricWindow("24h")).toBe(true);
    expect(isMetricWindow("2h")).toBe(false);
  });
});

describe("keys and url", () => {
  it("shares one cache entry whatever the series order", () => {
    expect(metricKeys.instance("i", "15m", ["b", "a"])).toEqual(metricKeys.instance("i", "15m", ["a", "b"]));
    expect(metricKeys.instance("i", "15m")).toEqual(["metrics", "instance", "i", "15m", "all"]);
    expect(alertKeys.instance("i")).toEqual(["alerts", "instance", "i"]);
  });
  it("asks for the window and the series", () => {
    expect(metricsUrl("i", "1h", ["ops.per_sec", "keyspace.keys"])).toBe("/api/instances/i/metrics?window=1h&series=ops.per_sec%2Ckeyspace.keys");
  });
});
