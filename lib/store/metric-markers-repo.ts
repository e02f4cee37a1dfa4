// Persistence of chart markers (restarts, role changes, failovers) so long windows still show them.
import "server-only";
import type { Marker, MarkerKind } from "@/lib/metrics/marker";
import type { Db } from "./database";

export async function insertMarkers(db: Db, instanceId: string, markers: readonly Marker[]): Promise<void> {
  if (markers.length === 0) return;
  await db
    .insertInto("metric_markers")
    .values(markers.map((m) => ({ instance_id: instanceId, node: m.node, t: m.t, kind: m.kind, detail: m.detail })))
    .execute();
}

export async function readMarkers(db: Db, instanceId: string, from: number, to: number): Promise<Marker[]> {
  const rows = await db
    .selectFrom("metric_markers")
    .select(["node", "t", "kind", "detail"])
    .where("instance_id", "=", instanceId)
    .where("t", ">=", from)
    .where("t", "<", to)
    .orderBy("t")
    .execute();
  return rows.map((r) => ({ t: Number(r.t), kind: r.kind as MarkerKind, node: r.node, detail: r.detail }));
}

export async function pruneMarkers(db: Db, before: number): Promise<number> {
  const res = await db.deleteFrom("metric_markers").where("t", "<", before).executeTakeFirst();
  return Number(res.numDeletedRows);
}
