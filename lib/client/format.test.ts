// Unit tests for the formatting helpers: the figures an SRE reads at 3 a.m. must be exact and short.
import { describe, expect, it } from "vitest";
import { formatBytes, formatCount, formatCountOfMax, formatDuration, formatMemoryOfMax, formatMs, formatOps, formatRatio, formatRelative, percentOf } from "./format";

describe("formatBytes", () => {
  it("uses binary multiples with at most three significant figures", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(1024)).toBe("1 KB");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(1.2 * 1024 ** 3)).toBe("1.2 GB");
    expect(formatBytes(123.4 * 1024 ** 2)).toBe("123 MB");
    expect(formatBytes(12.34 * 1024 ** 2)).toBe("12.3 MB");
    expect(formatBytes(5 * 1024 ** 6)).toBe("5120 PB");
  });
  it("keeps the sign of a negative delta", () => {
    expect(formatBytes(-2048)).toBe("-2 KB");
  });
  it("shows a dash for missing figures", () => {
    expect(formatBytes(null)).toBe("—");
    expect(formatBytes(undefined)).toBe("—");
    expect(formatBytes(Number.NaN)).toBe("—");
  });
});

describe("formatCount and formatOps", () => {
  it("is exact below 10 000 and short above", () => {
    expect(formatCount(0)).toBe("0");
    expect(formatCount(9999)).toBe("9,999");
    expect(formatCount(12_345)).toBe("12.3k");
    expect(formatCount(4_560_000)).toBe("4.56M");
    expect(formatCount(1_200_000_000)).toBe("1.2B");
    expect(formatCount(null)).toBe("—");
  });
  it("adds the rate unit", () => {
    expect(formatOps(1500)).toBe("1,500/s");
    expect(formatOps(null)).toBe("—");
  });
});

describe("formatMs", () => {
  it("keeps sub-millisecond precision and switches to seconds", () => {
    expect(formatMs(0.423)).toBe("0.42 ms");
    expect(formatMs(12.4)).toBe("12 ms");
    expect(formatMs(1500)).toBe("1.5 s");
    expect(formatMs(undefined)).toBe("—");
  });
});

describe("formatDuration", () => {
  it("shows the two largest units", () => {
    expect(formatDuration(0)).toBe("0 s");
    expect(formatDuration(42)).toBe("42 s");
    expect(formatDuration(302)).toBe("5 min 2 s");
    expect(formatDuration(3 * 86_400 + 4 * 3600 + 59)).toBe("3 d 4 h");
    expect(formatDuration(86_400 + 30)).toBe("1 d");
    expect(formatDuration(null)).toBe("—");
  });
});

describe("formatRelative", () => {
  const now = 1_000_000_000;
  it("reads like a person", () => {
    expect(formatRelative(now, now)).toBe("just now");
    expect(formatRelative(now - 3000, now)).toBe("3 s ago");
    expect(formatRelative(now - 125_000, now)).toBe("2 min ago");
    expect(formatRelative(now - 5 * 3600_000, now)).toBe("5 h ago");
    expect(formatRelative(now - 3 * 86_400_000, now)).toBe("3 d ago");
  });
  it("treats a clock slightly ahead as now", () => {
    expect(formatRelative(now + 500, now)).toBe("just now");
  });
});

describe("limits", () => {
  it("says when maxmemory is unlimited", () => {
    expect(formatMemoryOfMax(1024 ** 3, 4 * 1024 ** 3)).toBe("1 GB / 4 GB");
    expect(formatMemoryOfMax(1024, 0)).toBe("1 KB / no limit");
    expect(formatMemoryOfMax(null, 0)).toBe("—");
  });
  it("shows clients against maxclients", () => {
    expect(formatCountOfMax(11, 12)).toBe("11 / 12");
    expect(formatCountOfMax(11, null)).toBe("11");
  });
  it("computes a percentage only against a real limit", () => {
    expect(percentOf(50, 200)).toBe(25);
    expect(percentOf(50, 0)).toBeNull();
    expect(percentOf(null, 10)).toBeNull();
  });
  it("formats ratios with two decimals", () => {
    expect(formatRatio(1.5)).toBe("1.50");
    expect(formatRatio(null)).toBe("—");
  });
});
