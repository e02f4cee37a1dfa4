// Unit tests for threshold lines and event markers: worded labels, one line per rule and per event.
import { describe, expect, it } from "vitest";
import type { Marker } from "@/lib/metrics/marker";
import type { MetricSeries } from "@/lib/metrics/metrics-response";
import { markerLabelLeft, markerLines, markersIn, markerShortText, markerText, thresholdLabel, thresholdLabelAbove, thresholdLines } from "./chart-annotations";

const mem = (node: string): MetricSeries => ({
  id: "memory.used_pct_of_max",
  title: "Memory vs maxmemory",
  unit: "%",
  node,
  shape: "value",
  points: [],
  thresholds: [
    { value: 70, severity: "warning", ruleId: "memory-warning" },
    { value: 90, severity: "critical", ruleId: "memory-critical" },
  ],
});

describe("thresholds", () => {
  it("labels each rule in words with its direction from the rule table", () => {
    const lines = thresholdLines([mem("a"), mem("b")]);
    expect(lines.map((l) => l.label)).toEqual(["Critical ≥ 90%", "Warning ≥ 70%"]);
  });
  it("says 'below' rules the right way round", () => {
    expect(thresholdLabel({ value: 60, severity: "warning", ruleId: "backlog-covers-short" }, "<", "s")).toBe("Warning < 1 min");
    expect(thresholdLines([{ ...mem("a"), id: "replication.backlog_coverage_seconds", unit: "s", thresholds: [{ value: 60, severity: "warning", ruleId: "backlog-covers-short" }] }])[0]!.label).toBe(
      "Warning < 1 min",
    );
  });
  it("labels the highest line above it and the others below, so close lines keep readable labels", () => {
    const lines = thresholdLines([mem("a")]);
    expect(lines.map((l) => [l.value, thresholdLabelAbove(l, lines)])).toEqual([[90, true], [70, false]]);
  });
  it("falls back to 'at' for a rule it does not know", () => {
    expect(thresholdLines([{ ...mem("a"), thresholds: [{ value: 5, severity: "info", ruleId: "custom" }] }])[0]!.label).toBe("Info at 5%");
  });
});

describe("markers", () => {
  const restart: Marker = { t: 10_000, kind: "restart", node: "127.0.0.1:6379", detail: "run_id 1a2b3c4d → 5e6f7a8b, up 2 s" };
  const fo = (node: string, t: number): Marker => ({ t, kind: "failover", node, detail: "replica → master" });

  it("keeps the window's markers, oldest first", () => {
    expect(markersIn([fo("a", 50_000), restart, fo("b", 999_999)], 0, 60_000).map((m) => m.t)).toEqual([10_000, 50_000]);
  });
  it("draws one line for an event seen on several nodes in one tick", () => {
    expect(markerLines([fo("a", 20_000), fo("b", 21_000), restart], 2000)).toEqual([
      { t: 20_000, kind: "failover", label: "failover ×2" },
      { t: 10_000, kind: "restart", label: "restart" },
    ]);
  });
  it("describes an event in a sentence, and shortly for a caption", () => {
    expect(markerText(restart, 15 * 60_000, "UTC")).toBe("Restart at 00:00:10 on 127.0.0.1:6379: run_id 1a2b3c4d → 5e6f7a8b, up 2 s");
    expect(markerShortText(restart, 15 * 60_000, "UTC")).toBe("restart at 00:00:10");
  });
  it("labels a marker near the right edge on its left", () => {
    expect(markerLabelLeft(90, 0, 100)).toBe(true);
    expect(markerLabelLeft(50, 0, 100)).toBe(false);
  });
});
