import { describe, expect, it } from "vitest";
import { fixtureAlerts, fixtureInvestigation, fixtureMarkers, T0 } from "@/lib/testing/investigation-fixture";
import { assembleTimeline, timelineWindow } from "./timeline";

const window = { from: T0 - 60 * 60_000, to: T0 + 35 * 60_000 };
const base = { investigation: fixtureInvestigation, alerts: fixtureAlerts, markers: fixtureMarkers, window };

describe("timeline assembly", () => {
  it("orders start, probe runs and their findings, notes, fixes, status changes, alerts and markers by time", () => {
    const t = assembleTimeline({ ...base, events: [{ id: 4, at: T0 + 12 * 60_000, kind: "status", from: "open", to: "mitigated", who: "alice" }] });
    expect(t.map((e) => e.id)).toEqual([
      "alert:al-1:fired",
      "started",
      "step:1",
      "finding:1:slowlog.keys-command",
      "finding:1:slowlog.slow-key",
      "note:2",
      "fix:3",
      "alert:al-1:resolved",
      "event:4",
      "marker:restart:10.0.0.9:6400:" + (T0 + 15 * 60_000),
    ]);
    expect(t.find((e) => e.id === "step:1")).toMatchObject({ kind: "probe", commands: [["SLOWLOG", "GET", "64"]], who: "alice" });
    expect(t.find((e) => e.id === "fix:3")).toMatchObject({ kind: "fix", commands: [["CLIENT", "KILL", "ADDR", "10.20.30.40:51515"]], text: expect.stringContaining("verified") });
    expect(t.find((e) => e.id === "event:4")).toMatchObject({ kind: "status", text: "Status open → mitigated" });
    // ok findings are not news; the other instance's alert and the marker outside the window are not here.
    expect(t.some((e) => e.id.includes("slowlog.ok") || e.id.includes("al-2") || e.text.includes("long before"))).toBe(false);
  });

  it("applies stars and edits, keeps the original, and adds manual entries in time order", () => {
    const t = assembleTimeline({
      ...base,
      overrides: [
        { key: "step:1", manual: false, starred: true, text: null, at: null, who: "bob" },
        { key: "note:2", manual: false, starred: false, text: "Batch job found", at: T0 + 30 * 60_000, who: "bob" },
        { key: "manual:a", manual: true, starred: false, text: "Customer ticket", at: T0 - 30 * 60_000, who: "carol" },
        { key: "step:999", manual: false, starred: true, text: null, at: null, who: "bob" },
      ],
    });
    expect(t[0]).toMatchObject({ id: "manual:a", kind: "manual", manual: true, text: "Customer ticket", who: "carol" });
    expect(t.find((e) => e.id === "step:1")).toMatchObject({ starred: true, edited: false });
    const note = t.find((e) => e.id === "note:2")!;
    expect(note).toMatchObject({ text: "Batch job found", edited: true, original: { text: expect.stringContaining("cron on batch-7") } });
    expect(t.at(-1)!.id).toBe("note:2");
    // An override of an entry that no longer exists is ignored.
    expect(t.some((e) => e.id === "step:999")).toBe(false);
  });

  it("reads alerts from an hour before the start, to now while open or shortly after the last record", () => {
    expect(timelineWindow({ ...fixtureInvestigation, status: "open" }, T0 + 99 * 60_000)).toEqual({ from: T0 - 60 * 60_000, to: T0 + 99 * 60_000 });
    expect(timelineWindow(fixtureInvestigation, T0 + 999 * 60_000)).toEqual({ from: T0 - 60 * 60_000, to: T0 + 35 * 60_000 });
  });
});
