import { describe, expect, it } from "vitest";
import { parseHotkeysGet } from "./hotkeys-get";

describe("parseHotkeysGet", () => {
  it("reads the documented reply (Redis command reference example, RESP2)", () => {
    const reply = [
      "tracking-active", 1, "sample-ratio", 1, "selected-slots", [],
      "all-commands-all-slots-us", 220, "net-bytes-all-commands-all-slots", 200,
      "collection-start-time-unix-ms", 1769420604522, "collection-duration-ms", 6408,
      "total-cpu-time-user-ms", 3, "total-cpu-time-sys-ms", 11,
      "by-cpu-time-us", ["x", 104, "y", 98, "z", 18],
      "by-net-bytes", ["y", 50, "x", 150],
    ];
    const r = parseHotkeysGet(reply)!;
    expect(r).toMatchObject({ trackingActive: true, durationMs: 6408, sampleRatio: 1 });
    expect(r.byCpuTimeUs).toEqual([
      { key: "x", value: 104, sharePct: 47.27 },
      { key: "y", value: 98, sharePct: 44.55 },
      { key: "z", value: 18, sharePct: 8.18 },
    ]);
    expect(r.byNetBytes.map((e) => e.key)).toEqual(["x", "y"]);
    expect(r.byNetBytes[0]!.sharePct).toBe(75);
  });

  it("treats nil, errors and odd shapes as no data", () => {
    expect(parseHotkeysGet(null)).toBeUndefined();
    expect(parseHotkeysGet("OK")).toBeUndefined();
    expect(parseHotkeysGet(["tracking-active", 0])).toMatchObject({ trackingActive: false, byCpuTimeUs: [], byNetBytes: [] });
    expect(parseHotkeysGet(["by-cpu-time-us", ["k", "not a number"]])!.byCpuTimeUs).toEqual([]);
  });
});
