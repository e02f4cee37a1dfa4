// Persistence of alerts and their history. Every state change is one statement (its own
// transaction); open alerts (pending, firing) are reloaded at start so a restart does not duplicate them.
import "server-only";
import type { AlertRecord, AlertState } from "@/lib/metrics/alert-state";
import type { Db } from "./database";
import type { AlertsTable } from "./schema";

function toRow(a: AlertRecord, now: number): AlertsTable {
  return {
    id: a.id,
    instance_id: a.instanceId,
    rule_id: a.ruleId,
    node: a.node,
    severity: a.severity,
    finding_code: a.findingCode,
    playbook: a.playbook,
    state: a.state,
    value: a.value,
    threshold: a.threshold,
    message: a.message,
    started_at: a.startedAt,
    fired_at: a.firedAt,
    resolved_at: a.resolvedAt,
    updated_at: now,
  };
}

function fromRow(r: AlertsTable): AlertRecord {
  const num = (v: number | null) => (v === null ? null : Number(v));
  return {
    id: r.id,
    instanceId: r.instance_id,
    ruleId: r.rule_id,
    node: r.node,
    severity: r.severity as AlertRecord["severity"],
    findingCode: r.finding_code,
    playbook: r.playbook,
    state: r.state as AlertState,
    value: num(r.value),
    threshold: Number(r.threshold),
    message: r.message,
    startedAt: Number(r.started_at),
    firedAt: num(r.fired_at),
    resolvedAt: num(r.resolved_at),
  };
}

export async function insertAlert(db: Db, alert: AlertRecord): Promise<void> {
  await db.insertInto("alerts").values(toRow(alert, Date.now())).execute();
}

export async function updateAlert(db: Db, alert: AlertRecord): Promise<void> {
  const { id: _id, ...rest } = toRow(alert, Date.now());
  await db.updateTable("alerts").set(rest).where("id", "=", alert.id).execute();
}

/** A pending alert that cleared before firing was never an alert. */
export async function deleteAlert(db: Db, id: string): Promise<void> {
  await db.deleteFrom("alerts").where("id", "=", id).execute();
}

export async function listOpenAlerts(db: Db): Promise<AlertRecord[]> {
  const rows = await db.selectFrom("alerts").selectAll().where("state", "in", ["pending", "firing"]).execute();
  return rows.map(fromRow);
}

export interface AlertQuery {
  instanceId?: string;
  states?: readonly AlertState[];
  limit?: number;
}

/** Firing first, then pending, then resolved; newest first within each. */
export async function listAlerts(db: Db, q: AlertQuery = {}): Promise<AlertRecord[]> {
  let query = db.selectFrom("alerts").selectAll();
  if (q.instanceId) query = query.where("instance_id", "=", q.instanceId);
  if (q.states?.length) query = query.where("state", "in", [...q.states]);
  const rows = await query
    .orderBy((eb) => eb.case().when("state", "=", "firing").then(0).when("state", "=", "pending").then(1).else(2).end())
    .orderBy("started_at", "desc")
    .limit(q.limit ?? 100)
    .execute();
  return rows.map(fromRow);
}

export async function pruneResolvedAlerts(db: Db, before: number): Promise<number> {
  const res = await db.deleteFrom("alerts").where("state", "=", "resolved").where("resolved_at", "<", before).executeTakeFirst();
  return Number(res.numDeletedRows);
}
