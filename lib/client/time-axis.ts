// The time axis of charts, in the viewer's local time: round ticks (every 5 min, every hour, at
// midnight…) and 24-hour labels, so "03:10" is never confused with 3:10 p.m. Pure: the time zone
// is an argument (tests pin it; the browser passes none and gets its own).
import type { MetricWindow } from "@/lib/api/schemas/metrics";

const MIN = 60_000;
/** Up to this span, ticks and their labels go down to seconds (a new instance's first minutes). */
const SECONDS_SPAN = 5 * MIN;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const SEC = 1000;
const STEPS = [10, 15, 30].map((x) => x * SEC).concat([1, 2, 5, 10, 15, 30].map((m) => m * MIN)).concat([1, 2, 3, 6, 12].map((h) => h * HOUR), [DAY, 2 * DAY]);

/** Minutes the zone is behind UTC at `t`, as Date#getTimezoneOffset; only tests pass another. */
export type OffsetOf = (t: number) => number;
const localOffset: OffsetOf = (t) => new Date(t).getTimezoneOffset();

/** Ticks on round local times, at most `maxTicks` of them. */
export function timeTicks(from: number, to: number, maxTicks = 6, offsetOf: OffsetOf = localOffset): number[] {
  if (!(to > from)) return [];
  const step = STEPS.find((s) => (to - from) / s <= maxTicks) ?? STEPS.at(-1)!;
  const shift = (t: number) => offsetOf(t) * MIN;
  // Round in local time: shift to "local epoch", round up to the step, shift back.
  let t = Math.ceil((from - shift(from)) / step) * step + shift(from);
  const ticks: number[] = [];
  for (; t <= to; t += step) ticks.push(t);
  return ticks;
}

/**
 * The x range to draw: the whole window once data fills it. While an instance has less (just
 * registered, or the dashboard just restarted) the axis starts at the first sample, at least
 * `minSpanMs` back, so the first samples are not a sliver against the right edge.
 */
export function xDomain(from: number, to: number, firstSample: number | null, minSpanMs = 60_000): [number, number] {
  if (firstSample === null || firstSample <= from) return [from, to];
  return [Math.max(from, Math.min(firstSample, to - minSpanMs)), to];
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function fmt(kind: "hm" | "hms" | "day" | "date", timeZone?: string): Intl.DateTimeFormat {
  const key = `${kind}|${timeZone ?? ""}`;
  let f = formatters.get(key);
  if (!f) {
    const opts: Intl.DateTimeFormatOptions =
      kind === "hm"
        ? { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }
        : kind === "hms"
          ? { hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" }
          : kind === "day"
            ? { weekday: "short", day: "numeric" }
            : { weekday: "short", day: "numeric", month: "short" };
    // en-GB: 24-hour clock and "Mon 24" day order, the same on every viewer's machine.
    f = new Intl.DateTimeFormat("en-GB", { ...opts, timeZone });
    formatters.set(key, f);
  }
  return f;
}

const strip = (s: string) => s.replace(",", "");

/** Axis label: "14:05:30" over a few minutes, "14:05" within a day; "Mon 24" at midnight, "Mon 14:00" otherwise, over days. */
export function formatTimeTick(t: number, spanMs: number, timeZone?: string): string {
  if (spanMs <= SECONDS_SPAN) return fmt("hms", timeZone).format(t);
  const hm = fmt("hm", timeZone).format(t);
  if (spanMs <= DAY) return hm;
  if (hm === "00:00") return strip(fmt("day", timeZone).format(t));
  return `${fmt("day", timeZone).formatToParts(t).find((p) => p.type === "weekday")?.value ?? ""} ${hm}`;
}

/** Tooltip and caption time: "14:05:32"; with the date from a 24-hour window up ("08:30" could be yesterday). */
export function formatTimeFull(t: number, spanMs: number, timeZone?: string): string {
  const hms = fmt("hms", timeZone).format(t);
  return spanMs < DAY ? hms : `${strip(fmt("date", timeZone).format(t))}, ${hms}`;
}

const WINDOW_WORDS: Record<MetricWindow, string> = {
  "15m": "the last 15 minutes",
  "1h": "the last hour",
  "6h": "the last 6 hours",
  "24h": "the last 24 hours",
  "7d": "the last 7 days",
};

export function windowWords(window: MetricWindow): string {
  return WINDOW_WORDS[window];
}
