// Unit tests for the y axis: round ticks, binary steps for bytes, thresholds drawn only when near.
import { describe, expect, it } from "vitest";
import { byteBase, niceStep, thresholdInReach, yScale } from "./chart-scale";

const MB = 1024 ** 2;

describe("niceStep", () => {
  it("rounds up to 1, 2, 2.5 or 5 times a power of ten", () => {
    expect(niceStep(0.3)).toBe(0.5);
    expect(niceStep(7)).toBe(10);
    expect(niceStep(20)).toBe(20);
    expect(niceStep(23)).toBe(25);
    expect(niceStep(4_100)).toBe(5_000);
  });
  it("steps bytes in round parts of the axis's binary unit", () => {
    expect(byteBase(700 * MB)).toBe(MB);
    expect(byteBase(512)).toBe(1);
    expect(niceStep(175 * MB, MB)).toBe(200 * MB);
    expect(niceStep(900 * MB, MB)).toBe(1024 * MB);
    expect(niceStep(0.375 * MB, MB)).toBe(0.5 * MB);
  });
});

describe("yScale", () => {
  it("starts at zero and ends on a round tick with headroom", () => {
    expect(yScale(3, 95, { unit: "ops/s" })).toEqual({ domain: [0, 100], ticks: [0, 25, 50, 75, 100] });
    expect(yScale(0, 100, { unit: "ops/s" }).domain).toEqual([0, 125]);
  });
  it("shows percentage thresholds even over low values", () => {
    expect(yScale(2, 5, { unit: "%", thresholds: [70, 90] }).domain).toEqual([0, 100]);
  });
  it("leaves far thresholds off the plot", () => {
    expect(yScale(0.2, 0.4, { unit: "ms", thresholds: [100] }).domain[1]).toBeLessThan(1);
    expect(yScale(1.0, 1.2, { unit: "ratio", thresholds: [1.5, 2] }).domain).toEqual([0, 2.5]);
  });
  it("gives a flat zero series a visible unit range, in whole numbers for counts", () => {
    expect(yScale(0, 0, { unit: "count" })).toEqual({ domain: [0, 1], ticks: [0, 1] });
    expect(yScale(0, 3, { unit: "count" }).ticks.every(Number.isInteger)).toBe(true);
  });
  it("extends below zero for negative values", () => {
    expect(yScale(-30, 80, { unit: "count" }).domain[0]).toBeLessThanOrEqual(-30);
  });
  it("steps memory in binary units", () => {
    expect(yScale(0, 700 * MB, { unit: "bytes" }).ticks).toEqual([0, 200, 400, 600, 800].map((m) => m * MB));
    expect(yScale(0, 1.5 * MB, { unit: "bytes" }).ticks).toEqual([0, 0.5, 1, 1.5, 2].map((m) => m * MB));
  });
  it("never gives a byte rate fractional ticks", () => {
    expect(yScale(0, 0, { unit: "bytes/s" }).ticks).toEqual([0, 1]);
  });
  it("has no floating-point noise in ticks", () => {
    expect(yScale(0, 0.7, { unit: "ratio" }).ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
  });
});

describe("thresholdInReach", () => {
  it("keeps percentage lines, drops lines far above the data", () => {
    expect(thresholdInReach(90, 1, "%")).toBe(true);
    expect(thresholdInReach(100, 0.3, "ms")).toBe(false);
    expect(thresholdInReach(100, 40, "ms")).toBe(true);
    expect(thresholdInReach(0, 0, "/min")).toBe(true);
  });
});
