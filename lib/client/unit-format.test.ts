// Unit tests for values by series unit: captions and axes must say exactly what the series measures.
import { describe, expect, it } from "vitest";
import { formatAxisTick, formatNumber, formatValue } from "./unit-format";

describe("formatNumber", () => {
  it("keeps decimals only where they matter", () => {
    expect(formatNumber(0)).toBe("0");
    expect(formatNumber(0.5)).toBe("0.5");
    expect(formatNumber(1.234)).toBe("1.23");
    expect(formatNumber(42.46)).toBe("42.5");
    expect(formatNumber(1234.5)).toBe("1,235");
    expect(formatNumber(12_345)).toBe("12.3k");
  });
});

describe("formatValue", () => {
  it("names every unit", () => {
    expect(formatValue(1.5 * 1024 ** 3, "bytes")).toBe("1.5 GB");
    expect(formatValue(2048, "bytes/s")).toBe("2 KB/s");
    expect(formatValue(1234, "ops/s")).toBe("1,234 ops/s");
    expect(formatValue(72.44, "%")).toBe("72.4%");
    expect(formatValue(1.5, "ratio")).toBe("1.50");
    expect(formatValue(3, "count")).toBe("3");
    expect(formatValue(0.5, "/s")).toBe("0.5/s");
    expect(formatValue(3, "/min")).toBe("3/min");
    expect(formatValue(45, "s")).toBe("45 s");
    expect(formatValue(302, "s")).toBe("5 min 2 s");
    expect(formatValue(0.42, "ms")).toBe("0.42 ms");
    expect(formatValue(2.46, "ms")).toBe("2.46 ms");
    expect(formatValue(120.4, "ms")).toBe("120 ms");
    expect(formatValue(1500, "ms")).toBe("1.5 s");
  });
  it("shows a dash for a missing value", () => {
    expect(formatValue(null, "ops/s")).toBe("—");
    expect(formatValue(undefined, "bytes")).toBe("—");
    expect(formatValue(Number.NaN, "%")).toBe("—");
  });
});

describe("formatAxisTick", () => {
  it("is short: rates drop their unit (the title has it), bytes and percent keep theirs", () => {
    expect(formatAxisTick(12_000, "ops/s")).toBe("12k");
    expect(formatAxisTick(0.25, "/s")).toBe("0.25");
    expect(formatAxisTick(256 * 1024 ** 2, "bytes")).toBe("256 MB");
    expect(formatAxisTick(70, "%")).toBe("70%");
    expect(formatAxisTick(1.5, "ratio")).toBe("1.5");
    expect(formatAxisTick(7.5, "ms")).toBe("7.5 ms");
    expect(formatAxisTick(0, "ms")).toBe("0 ms");
  });
  it("reads seconds in the largest whole unit", () => {
    expect(formatAxisTick(30, "s")).toBe("30 s");
    expect(formatAxisTick(300, "s")).toBe("5 min");
    expect(formatAxisTick(7200, "s")).toBe("2 h");
    expect(formatAxisTick(172_800, "s")).toBe("2 d");
  });
});
