// Persistence of the sampler's 1-minute rollups (min/avg/max per series per node) and their pruning.
import "server-only";
import type { Db } from "./database";
import type { MetricRollupsTable } from "./schema";

/**
 * Rows per INSERT. better-sqlite3 runs each statement synchronously on the event loop, so a minute
 * of a large fleet is written in small statements with a yield between them: the sampler's ticks
 * and the API keep running while the batch is written.
 */
const CHUNK = 200;

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** One transaction for the whole minute; a repeated flush of the same minute changes nothing. */
export async function insertRollups(db: Db, rows: readonly MetricRollupsTable[]): Promise<void> {
  if (rows.length === 0) return;
  await db.transaction().execute(async (tx) => {
    for (let i = 0; i < rows.length; i += CHUNK) {
      if (i > 0) await yieldToLoop();
      await tx
        .insertInto("metric_rollups")
        .values(rows.slice(i, i + CHUNK))
        .onConflict((oc) => oc.columns(["instance_id", "series", "minute", "node"]).doNothing())
        .execute();
    }
  });
}

export async function readRollups(
  db: Db,
  q: { instanceId: string; from: number; to: number; series?: readonly string[]; labelledSeries?: readonly string[]; node?: string },
): Promise<MetricRollupsTable[]> {
  let query = db
    .selectFrom("metric_rollups")
    .selectAll()
    .where("instance_id", "=", q.instanceId)
    .where("minute", ">=", q.from)
    .where("minute", "<", q.to);
  // Labelled series (one per replica) are stored as `id|label=value`.
  const plain = q.series ?? [];
  const labelled = q.labelledSeries ?? [];
  if (plain.length || labelled.length) {
    query = query.where((eb) =>
      eb.or([...(plain.length ? [eb("series", "in", [...plain])] : []), ...labelled.map((id) => eb("series", "like", `${id}|%`))]),
    );
  }
  if (q.node) query = query.where("node", "=", q.node);
  return query.orderBy("minute").execute();
}

/** Deletes rollups older than `before` (epoch ms); returns how many went. */
export async function pruneRollups(db: Db, before: number): Promise<number> {
  const res = await db.deleteFrom("metric_rollups").where("minute", "<", before).executeTakeFirst();
  return Number(res.numDeletedRows);
}

export async function deleteInstanceRollups(db: Db, instanceId: string): Promise<void> {
  await db.deleteFrom("metric_rollups").where("instance_id", "=", instanceId).execute();
}
