// Unit tests for the time axis: round local-time ticks and unambiguous 24-hour labels.
import { describe, expect, it } from "vitest";
import { formatTimeFull, formatTimeTick, timeTicks, windowWords, xDomain } from "./time-axis";

const MIN = 60_000;
const HOUR = 60 * MIN;
const utc = () => 0;
const t0 = Date.UTC(2025, 10, 24, 14, 3, 17); // Mon 24 Nov 2025, 14:03:17 UTC

describe("timeTicks", () => {
  it("puts at most six ticks on round minutes", () => {
    const ticks = timeTicks(t0 - 15 * MIN, t0, 6, utc);
    expect(ticks.map((t) => new Date(t).toISOString().slice(11, 16))).toEqual(["13:50", "13:55", "14:00"]);
  });
  it("rounds in local time, not UTC", () => {
    // UTC+5:30 (offset -330): round hours fall on :30 UTC.
    const ticks = timeTicks(t0 - 6 * HOUR, t0, 6, () => -330);
    expect(ticks.every((t) => new Date(t).getUTCMinutes() === 30)).toBe(true);
  });
  it("uses day steps over a week", () => {
    expect(timeTicks(t0 - 7 * 24 * HOUR, t0, 8, utc).every((t) => t % (24 * HOUR) === 0)).toBe(true);
  });
  it("steps by seconds over the first minute of data", () => {
    const ticks = timeTicks(t0 - MIN, t0, 6, utc);
    expect(ticks.map((t) => new Date(t).toISOString().slice(11, 19))).toEqual(["14:02:20", "14:02:30", "14:02:40", "14:02:50", "14:03:00", "14:03:10"]);
  });
  it("returns nothing for an empty window", () => {
    expect(timeTicks(t0, t0)).toEqual([]);
  });
});

describe("labels", () => {
  it("uses a 24-hour clock within a day, with seconds over a few minutes", () => {
    expect(formatTimeTick(t0, 15 * MIN, "UTC")).toBe("14:03");
    expect(formatTimeTick(t0, MIN, "UTC")).toBe("14:03:17");
    expect(formatTimeTick(Date.UTC(2025, 10, 24, 3, 10), 6 * HOUR, "UTC")).toBe("03:10");
  });
  it("names the day over longer windows", () => {
    expect(formatTimeTick(Date.UTC(2025, 10, 24), 7 * 24 * HOUR, "UTC")).toBe("Mon 24");
    expect(formatTimeTick(Date.UTC(2025, 10, 24, 12), 7 * 24 * HOUR, "UTC")).toBe("Mon 12:00");
  });
  it("gives seconds in tooltips, and the date beyond a day", () => {
    expect(formatTimeFull(t0, HOUR, "UTC")).toBe("14:03:17");
    expect(formatTimeFull(t0, 7 * 24 * HOUR, "UTC")).toBe("Mon 24 Nov, 14:03:17");
    expect(formatTimeFull(t0, 24 * HOUR, "UTC")).toBe("Mon 24 Nov, 14:03:17");
  });
  it("says the window in words", () => {
    expect(windowWords("15m")).toBe("the last 15 minutes");
    expect(windowWords("7d")).toBe("the last 7 days");
  });
});

describe("xDomain", () => {
  const to = t0;
  const from = to - 15 * MIN;
  it("is the window once data fills it", () => {
    expect(xDomain(from, to, from - 1000)).toEqual([from, to]);
    expect(xDomain(from, to, null)).toEqual([from, to]);
  });
  it("starts at the first sample while there is less, showing at least a minute", () => {
    expect(xDomain(from, to, to - 5 * MIN)).toEqual([to - 5 * MIN, to]);
    expect(xDomain(from, to, to - 10_000)).toEqual([to - MIN, to]);
  });
});
