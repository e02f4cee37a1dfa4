// Turns the ring buffers' complete minutes into 1-minute min/avg/max rows (one batch for the whole
// fleet) and prunes rows past the retention period.
import "server-only";
import type { Db } from "@/lib/store/database";
import { insertRollups, pruneRollups } from "@/lib/store/metric-rollups-repo";
import { pruneMarkers } from "@/lib/store/metric-markers-repo";
import { pruneResolvedAlerts } from "@/lib/store/alerts-repo";
import type { MetricRollupsTable } from "@/lib/store/schema";
import { logger } from "@/lib/log/logger";
import { aggregate } from "./downsample";
import type { InstanceSampler } from "./instance-sampler";
import type { SeriesRing } from "./series-ring";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Alert history outlives the charts: a postmortem written weeks later still finds it. */
const ALERT_HISTORY_DAYS = 30;

/** Rollup rows of one ring for the minutes in [from, to). Pure. */
export function ringRollups(ring: SeriesRing, instanceId: string, node: string, from: number, to: number): MetricRollupsTable[] {
  // The ring is scanned once for the window; each column then only reads its few slots.
  const byMinute = new Map<number, number[]>();
  for (const [t, slot] of ring.window(from, to)) {
    const minute = Math.floor(t / MINUTE) * MINUTE;
    let slots = byMinute.get(minute);
    if (!slots) byMinute.set(minute, (slots = []));
    slots.push(slot);
  }
  const rows: MetricRollupsTable[] = [];
  for (const key of ring.keys()) {
    for (const [minute, slots] of byMinute) {
      const a = aggregate(slots.map((slot) => ring.at(key, slot)));
      if (a) rows.push({ instance_id: instanceId, node, series: key, minute, min: a.min, avg: a.avg, max: a.max, n: a.n });
    }
  }
  return rows;
}

export async function flushRollups(db: Db, samplers: Iterable<InstanceSampler>, from: number, to: number): Promise<number> {
  const rows: MetricRollupsTable[] = [];
  let nodes = 0;
  for (const s of samplers) {
    for (const [address, node] of s.nodes) {
      rows.push(...ringRollups(node.ring, s.config.id, address, from, to));
      // A large fleet's aggregation is spread over several turns of the event loop too.
      if (++nodes % 50 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  await insertRollups(db, rows);
  return rows.length;
}

export async function pruneHistory(db: Db, now: number, retentionDays: number): Promise<void> {
  const before = now - retentionDays * DAY;
  const rollups = await pruneRollups(db, before);
  const markers = await pruneMarkers(db, before);
  const alerts = await pruneResolvedAlerts(db, now - Math.max(retentionDays, ALERT_HISTORY_DAYS) * DAY);
  if (rollups + markers + alerts > 0) logger.info({ rollups, markers, alerts }, "pruned metrics history");
}
