// INFO keysizes (Redis 8.0+): per database and type, a power-of-two histogram of string lengths and
// collection sizes that the server keeps up to date for free. Where it exists the probe reads it
// before scanning: it shows the shape of the keyspace at once and how many keys sit in the top
// buckets the scan is looking for. Older servers answer INFO keysizes with nothing, which parses to [].
//
//   # Keysizes
//   db0_distrib_strings_sizes:2=1,4=3,1K=2,2M=1
//   db0_distrib_hashes_items:8=10,512K=1

export interface KeysizesBucket {
  /** Lower bound of the bucket: sizes in [min, 2 × min); 0 is the bucket of empty values. */
  min: number;
  count: number;
}

export interface KeysizesHistogram {
  db: number;
  /** The server's own name, e.g. `hashes_items`, kept for histograms newer than this parser. */
  metric: string;
  /** Redis type the histogram counts, when known. */
  type: string | null;
  buckets: KeysizesBucket[];
}

const TYPE_OF: Record<string, string> = {
  strings_sizes: "string",
  lists_items: "list",
  sets_items: "set",
  zsets_items: "zset",
  hashes_items: "hash",
  streams_items: "stream",
};

const UNIT: Record<string, number> = { "": 1, K: 2 ** 10, M: 2 ** 20, G: 2 ** 30, T: 2 ** 40, P: 2 ** 50 };

function bucketBound(label: string): number | undefined {
  const m = /^(\d+)([KMGTP]?)$/.exec(label.trim());
  return m ? Number(m[1]) * UNIT[m[2]!]! : undefined;
}

/** Tolerant: unknown lines are skipped, a malformed bucket drops only itself. */
export function parseKeysizes(text: unknown): KeysizesHistogram[] {
  if (typeof text !== "string") return [];
  const out: KeysizesHistogram[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^db(\d+)_distrib_([a-z0-9_]+):(.*)$/.exec(line.trim());
    if (!m) continue;
    const buckets: KeysizesBucket[] = [];
    for (const part of m[3]!.split(",")) {
      const [label, count] = part.split("=");
      const min = bucketBound(label ?? "");
      const n = Number(count);
      if (min !== undefined && Number.isInteger(n) && n >= 0) buckets.push({ min, count: n });
    }
    buckets.sort((a, b) => a.min - b.min);
    out.push({ db: Number(m[1]), metric: m[2]!, type: TYPE_OF[m[2]!] ?? null, buckets });
  }
  return out;
}

/** Keys the histogram puts surely at or above `threshold` (whole buckets only: [min, 2·min) ⊂ [threshold, ∞)). */
export function keysAtLeast(hist: KeysizesHistogram, threshold: number): number {
  return hist.buckets.filter((b) => b.min >= threshold).reduce((s, b) => s + b.count, 0);
}

/** Lower bound of the biggest non-empty bucket, or null. */
export function largestBucket(hist: KeysizesHistogram): number | null {
  const nonEmpty = hist.buckets.filter((b) => b.count > 0);
  return nonEmpty.length ? nonEmpty[nonEmpty.length - 1]!.min : null;
}
