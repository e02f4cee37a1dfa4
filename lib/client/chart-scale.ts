// The y axis of a chart: from zero (lower for negative values) to a round top, with the threshold
// lines that are close enough to the data to matter. A threshold far above the data (a 100 ms
// PING alert over 0.3 ms PINGs) would flatten the line into the floor, so it stays off the plot
// and the chart says so in words. Bytes step in binary multiples: ticks read "256 MB", not "268 MB".
import type { SeriesUnit } from "@/lib/metrics/series-catalog";
import { isIntegerUnit } from "./unit-format";

export interface YScale {
  domain: [number, number];
  ticks: number[];
}

const STEPS = [1, 2, 2.5, 5, 10];
/** A threshold this many times above the highest value is drawn off the chart, not on it. */
export const THRESHOLD_REACH = 3;

function decimalStep(raw: number): number {
  const p = 10 ** Math.floor(Math.log10(raw));
  return (STEPS.find((s) => s * p >= raw * (1 - 1e-9)) ?? 10) * p;
}

/**
 * A round step at least `raw`: 1, 2, 2.5, 5 × 10^k of `base`. Bytes pass the binary unit of the
 * axis top (1024² for MB), so a 0–1.5 MB axis steps by 0.5 MB ("512 KB, 1 MB, 1.5 MB"), not by
 * 500 KB ("1000 KB, 1.46 MB").
 */
export function niceStep(raw: number, base = 1): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const m = decimalStep(raw / base);
  // 1000 MB is not a round number of bytes; the next unit is.
  return (base > 1 && m >= 1000 ? 1024 : m) * base;
}

/** The binary unit (1, 1024, 1024²…) in which a byte value is read. */
export function byteBase(v: number): number {
  return v >= 1024 ? 1024 ** Math.floor(Math.log(v) / Math.log(1024)) : 1;
}

/** Whether a threshold line belongs on the plot, given the data's maximum. */
export function thresholdInReach(value: number, dataMax: number, unit: SeriesUnit): boolean {
  // A percentage of a limit is read against 0–100 anyway; its alert lines always belong.
  if (unit === "%") return value <= Math.max(100, dataMax * THRESHOLD_REACH);
  return value <= Math.max(dataMax, 0) * THRESHOLD_REACH || value <= 0;
}

export function yScale(dataMin: number | null, dataMax: number | null, opts: { thresholds?: readonly number[]; unit: SeriesUnit; tickCount?: number }): YScale {
  const { unit, tickCount = 5 } = opts;
  const max = dataMax ?? 0;
  const shown = (opts.thresholds ?? []).filter((t) => thresholdInReach(t, max, unit));
  let lo = Math.min(0, dataMin ?? 0, ...shown);
  let hi = Math.max(max, ...shown);
  const flat = hi <= lo;
  if (flat) hi = lo + 1;
  const bytes = unit === "bytes" || unit === "bytes/s";
  let step = niceStep((hi - lo) / (tickCount - 1), bytes ? byteBase(Math.max(hi, -lo)) : 1);
  if (isIntegerUnit(unit)) step = Math.max(1, Math.ceil(step));
  lo = Math.floor(lo / step) * step;
  let top = Math.ceil(hi / step) * step;
  // Headroom: a line or a threshold label pressed against the top edge is hard to read.
  if (!flat && top - hi < step * 0.05 && hi > 0) top += step;
  const ticks: number[] = [];
  const n = Math.round((top - lo) / step);
  for (let i = 0; i <= n; i++) ticks.push(Number((lo + i * step).toPrecision(12)));
  return { domain: [ticks[0]!, ticks.at(-1)!], ticks };
}
