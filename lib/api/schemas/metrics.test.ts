import { describe, expect, it } from "vitest";
import { alertsQuerySchema, metricsQuerySchema } from "./metrics";

describe("metrics query", () => {
  it("defaults to the last hour and splits the series list", () => {
    expect(metricsQuerySchema.parse({})).toEqual({ window: "1h" });
    expect(metricsQuerySchema.parse({ window: "7d", series: "ops.per_sec, memory.used_bytes", node: "10.0.0.1:6379" })).toEqual({
      window: "7d",
      series: ["ops.per_sec", "memory.used_bytes"],
      node: "10.0.0.1:6379",
    });
  });

  it("refuses unknown windows, series and parameters", () => {
    expect(metricsQuerySchema.safeParse({ window: "2h" }).success).toBe(false);
    expect(metricsQuerySchema.safeParse({ series: "ops.per_sec,nope" }).success).toBe(false);
    expect(metricsQuerySchema.safeParse({ step: "5" }).success).toBe(false);
  });
});

describe("alerts query", () => {
  it("lists open alerts by default, history on request", () => {
    expect(alertsQuerySchema.parse({})).toEqual({ state: "open", limit: 100 });
    expect(alertsQuerySchema.parse({ state: "all", limit: "20", instanceId: "6c3bdea7-9f76-48c1-ad7e-9b8c88486710" })).toMatchObject({ state: "all", limit: 20 });
    expect(alertsQuerySchema.safeParse({ state: "snoozed" }).success).toBe(false);
    expect(alertsQuerySchema.safeParse({ limit: "0" }).success).toBe(false);
  });
});
