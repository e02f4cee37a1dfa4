// Builds an instance's metrics for a window: up to an hour from the sampler's ring buffers at full
// resolution (bucketed past MAX_POINTS), longer windows (or without a sampler in this process) from
// the store's 1-minute rollups, merged into coarser buckets so a chart gets at most MAX_POINTS.
import "server-only";
import type { Db } from "@/lib/store/database";
import type { InstanceConnectionConfig } from "@/lib/store/instances-repo";
import { readRollups } from "@/lib/store/metric-rollups-repo";
import { readMarkers } from "@/lib/store/metric-markers-repo";
import { WINDOW_MS, type MetricsQuery } from "@/lib/api/schemas/metrics";
import { downsample, mergeBuckets } from "./downsample";
import { roundValue, thresholdsFor, type InstanceMetrics, type MetricSeries, type RangePoint, type ValuePoint } from "./metrics-response";
import { effectiveRules, type ThresholdRule } from "./rules";
import type { Sampler } from "./sampler";
import { SERIES, parseColumnKey } from "./series-catalog";

export const MAX_POINTS = 600;
const HOUR = 3_600_000;
const MINUTE = 60_000;
const order = new Map(SERIES.map((s, i) => [s.id, i]));

function describe(key: string, node: string, rules: readonly ThresholdRule[]): Omit<MetricSeries, "shape" | "points"> | undefined {
  const parsed = parseColumnKey(key);
  if (!parsed) return undefined;
  const { def, labels } = parsed;
  return { id: def.id, title: def.title, unit: def.unit, node, ...(labels ? { labels } : {}), thresholds: thresholdsFor(def.id, rules) };
}

function fromRing(sampler: Sampler, config: InstanceConnectionConfig, q: MetricsQuery, from: number, to: number, rules: readonly ThresholdRule[]) {
  const instance = sampler.instances.get(config.id);
  const windowMs = to - from;
  const bucketMs = Math.ceil(windowMs / MAX_POINTS / 1000) * 1000;
  let bucketed = false;
  const series: MetricSeries[] = [];
  for (const [address, node] of instance?.nodes ?? []) {
    if (q.node && q.node !== address) continue;
    for (const key of node.ring.keys()) {
      const base = describe(key, address, rules);
      if (!base || (q.series && !q.series.includes(base.id))) continue;
      const points = node.ring.points(key, from, to);
      if (!points.some(([, v]) => v !== null)) continue;
      if (points.length > MAX_POINTS) {
        bucketed = true;
        const range: RangePoint[] = downsample(points, bucketMs).map(([t, a, b, c]) => [t, roundValue(a), roundValue(b), roundValue(c)]);
        series.push({ ...base, shape: "range", points: range });
      } else {
        series.push({ ...base, shape: "value", points: points.map(([t, v]): ValuePoint => [t, roundValue(v)]) });
      }
    }
  }
  return { series, intervalMs: bucketed ? bucketMs : sampler.intervalMs };
}

async function fromRollups(db: Db, config: InstanceConnectionConfig, q: MetricsQuery, from: number, to: number, rules: readonly ThresholdRule[]) {
  const windowMs = to - from;
  const bucketMs = Math.max(MINUTE, Math.ceil(windowMs / MAX_POINTS / MINUTE) * MINUTE);
  const wanted = q.series ? SERIES.filter((s) => q.series!.includes(s.id)) : [];
  const rows = await readRollups(db, {
    instanceId: config.id,
    from: Math.floor(from / MINUTE) * MINUTE,
    to,
    series: wanted.filter((s) => !s.labelKey).map((s) => s.id),
    labelledSeries: wanted.filter((s) => s.labelKey).map((s) => s.id),
    node: q.node,
  });
  const groups = new Map<string, typeof rows>();
  for (const r of rows) {
    const k = `${r.node}\u0000${r.series}`;
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push(r);
  }
  const series: MetricSeries[] = [];
  for (const [k, group] of groups) {
    const [node, key] = k.split("\u0000") as [string, string];
    const base = describe(key, node, rules);
    if (!base) continue;
    const buckets = mergeBuckets(group.map((r) => ({ t: Number(r.minute), min: r.min, avg: r.avg, max: r.max, n: r.n })), bucketMs);
    series.push({ ...base, shape: "range", points: buckets.map(([t, a, b, c]) => [t, roundValue(a), roundValue(b), roundValue(c)]) });
  }
  return { series, intervalMs: bucketMs };
}

export async function instanceMetrics(
  deps: { db: Db; sampler: Sampler | undefined },
  config: InstanceConnectionConfig,
  q: MetricsQuery,
  now = Date.now(),
): Promise<InstanceMetrics> {
  const to = now + 1;
  const from = now - WINDOW_MS[q.window];
  const rules = effectiveRules(config.ruleOverrides);
  const inRing = deps.sampler && WINDOW_MS[q.window] <= HOUR && (deps.sampler.instances.get(config.id)?.nodes.size ?? 0) > 0;
  const { series, intervalMs } = inRing ? fromRing(deps.sampler!, config, q, from, to, rules) : await fromRollups(deps.db, config, q, from, to, rules);
  series.sort((a, b) => (order.get(a.id)! - order.get(b.id)!) || a.node.localeCompare(b.node));
  const markers = (await readMarkers(deps.db, config.id, from, to)).filter((m) => !q.node || m.node === q.node);
  return { instanceId: config.id, window: q.window, from, to: now, intervalMs, source: inRing ? "ring" : "rollups", series, markers };
}
