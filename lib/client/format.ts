// Number formatting for at-a-glance reading: bytes, rates, counts, durations and "3 s ago".
// Pure and locale-stable (en-US separators) so server and browser render the same text.
const DASH = "—";

function missing(n: number | null | undefined): n is null | undefined {
  return n === null || n === undefined || !Number.isFinite(n);
}

/** Keeps 3 significant figures below 100 ("1.23", "12.3"), none above ("123"). */
function short(n: number): string {
  const abs = Math.abs(n);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return Number(n.toFixed(digits)).toString();
}

const BYTE_UNITS = ["B", "KB", "MB", "GB", "TB", "PB"];

/** Binary multiples, labelled as people say them ("1.5 GB" for 1.5 × 2^30, as redis-cli's `used_memory_human` does). */
export function formatBytes(bytes: number | null | undefined): string {
  if (missing(bytes)) return DASH;
  if (bytes === 0) return "0 B";
  const sign = bytes < 0 ? "-" : "";
  let v = Math.abs(bytes);
  let unit = 0;
  while (v >= 1024 && unit < BYTE_UNITS.length - 1) {
    v /= 1024;
    unit++;
  }
  return `${sign}${unit === 0 ? Math.round(v) : short(v)} ${BYTE_UNITS[unit]}`;
}

/** Counts: exact with separators up to 10 000, then "12.3k", "4.56M", "1.2B". */
export function formatCount(n: number | null | undefined): string {
  if (missing(n)) return DASH;
  const abs = Math.abs(n);
  if (abs < 10_000) return Math.round(n).toLocaleString("en-US");
  if (abs < 1e6) return `${short(n / 1e3)}k`;
  if (abs < 1e9) return `${short(n / 1e6)}M`;
  return `${short(n / 1e9)}B`;
}

export function formatOps(opsPerSec: number | null | undefined): string {
  return missing(opsPerSec) ? DASH : `${formatCount(opsPerSec)}/s`;
}

/** A latency or probe time: "0.42 ms", "12 ms", "1.5 s". */
export function formatMs(ms: number | null | undefined): string {
  if (missing(ms)) return DASH;
  if (ms < 1) return `${Number(ms.toFixed(2))} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${short(ms / 1000)} s`;
}

/** An uptime: the two largest units ("3 d 4 h", "5 min 2 s"). */
export function formatDuration(seconds: number | null | undefined): string {
  if (missing(seconds)) return DASH;
  const s = Math.max(0, Math.floor(seconds));
  const parts: Array<[number, string]> = [
    [Math.floor(s / 86_400), "d"],
    [Math.floor((s % 86_400) / 3600), "h"],
    [Math.floor((s % 3600) / 60), "min"],
    [s % 60, "s"],
  ];
  const first = parts.findIndex(([v]) => v > 0);
  if (first === -1) return "0 s";
  return parts
    .slice(first, first + 2)
    .filter(([v]) => v > 0)
    .map(([v, u]) => `${v} ${u}`)
    .join(" ");
}

/** "just now", "3 s ago", "2 min ago", "5 h ago", "3 d ago". */
export function formatRelative(thenMs: number, nowMs: number): string {
  const s = Math.round((nowMs - thenMs) / 1000);
  if (s < 1) return "just now";
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86_400)} d ago`;
}

/** "1.2 GB / 4 GB"; maxmemory 0 means no limit, which is worth saying (evictions never start). */
export function formatMemoryOfMax(used: number | null | undefined, max: number | null | undefined): string {
  if (missing(used)) return DASH;
  return `${formatBytes(used)} / ${missing(max) || max === 0 ? "no limit" : formatBytes(max)}`;
}

/** "12 / 10,000" clients. */
export function formatCountOfMax(used: number | null | undefined, max: number | null | undefined): string {
  if (missing(used)) return DASH;
  return missing(max) || max === 0 ? formatCount(used) : `${formatCount(used)} / ${formatCount(max)}`;
}

/** A share of a limit as a whole percent, or null when there is no limit. */
export function percentOf(used: number | null | undefined, max: number | null | undefined): number | null {
  if (missing(used) || missing(max) || max <= 0) return null;
  return Math.round((used / max) * 100);
}

export function formatRatio(ratio: number | null | undefined): string {
  return missing(ratio) ? DASH : ratio.toFixed(2);
}
