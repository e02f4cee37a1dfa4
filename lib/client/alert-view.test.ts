// Unit tests for reading alerts: durations per state, values in the rule's unit, firing counts.
import { describe, expect, it } from "vitest";
import type { AlertView } from "@/lib/metrics/alert-state";
import { alertDurationMs, durationWords, firingCountByInstance, formatAlertTime, formatAlertValue, sortAlerts } from "./alert-view";

function alert(over: Partial<AlertView> = {}): AlertView {
  return {
    id: "a", instanceId: "i1", ruleId: "fragmentation-critical", node: "127.0.0.1:6379", severity: "critical",
    findingCode: "fragmentation.ratio-high", playbook: "fragmentation", state: "firing", value: 2.31, threshold: 2,
    message: "", startedAt: 1_000, firedAt: 61_000, resolvedAt: null, instance: { id: "i1", name: "cache", address: "127.0.0.1:6379" }, ...over,
  };
}

describe("alertDurationMs", () => {
  it("counts firing from when it fired, pending from when it started, resolved as how long it lasted", () => {
    expect(alertDurationMs(alert(), 121_000)).toBe(60_000);
    expect(alertDurationMs(alert({ state: "pending", firedAt: null }), 31_000)).toBe(30_000);
    expect(alertDurationMs(alert({ state: "resolved", resolvedAt: 301_000 }), 999_999)).toBe(300_000);
  });
  it("words the duration by state", () => {
    expect(durationWords(alert())).toBe("firing for");
    expect(durationWords(alert({ state: "resolved" }))).toBe("lasted");
  });
});

describe("formatAlertValue", () => {
  it("uses the rule's unit", () => {
    expect(formatAlertValue(2.31, "fragmentation-critical")).toBe("2.31");
    expect(formatAlertValue(92, "memory-critical")).toBe("92%");
    expect(formatAlertValue(150, "slow-command")).toBe("150 ms");
    expect(formatAlertValue(1, "rdb-failed")).toBe("yes");
    expect(formatAlertValue(null, "memory-critical")).toBe("—");
  });
});

describe("formatAlertTime", () => {
  it("adds the date when the time is not today", () => {
    const t = Date.UTC(2025, 10, 24, 14, 3, 17);
    expect(formatAlertTime(t, t + 60_000, "UTC")).toBe("14:03:17");
    expect(formatAlertTime(t, t + 3 * 86_400_000, "UTC")).toBe("Mon 24 Nov, 14:03:17");
    expect(formatAlertTime(null, t)).toBe("—");
  });
});

describe("firingCountByInstance", () => {
  it("counts only firing alerts", () => {
    const counts = firingCountByInstance([alert(), alert({ id: "b" }), alert({ id: "c", state: "pending" }), alert({ id: "d", instanceId: "i2" })]);
    expect([...counts]).toEqual([["i1", 2], ["i2", 1]]);
  });
});

describe("sortAlerts", () => {
  it("puts firing first, the most severe first within a state, then the newest", () => {
    const sorted = sortAlerts([
      alert({ id: "resolved", state: "resolved" }),
      alert({ id: "info-new", severity: "info", startedAt: 9 }),
      alert({ id: "crit-old", severity: "critical", startedAt: 1 }),
      alert({ id: "pending", state: "pending" }),
      alert({ id: "crit-new", severity: "critical", startedAt: 5 }),
    ]);
    expect(sorted.map((a) => a.id)).toEqual(["crit-new", "crit-old", "info-new", "pending", "resolved"]);
  });
});
