// The audit log table. Append-only by construction: this module has no update and no delete, and
// nothing else in Redline writes to audit_log.
import "server-only";
import type { Db } from "./database";

export interface AuditEntry {
  id: number;
  at: number;
  actor: string;
  action: string;
  instanceId: string | null;
  detail: Record<string, unknown>;
}

export interface AuditFilter {
  action?: string;
  actor?: string;
  instanceId?: string;
  limit?: number;
}

export async function appendAudit(db: Db, e: Omit<AuditEntry, "id" | "at">, now = Date.now()): Promise<void> {
  await db.insertInto("audit_log").values({ at: now, actor: e.actor, action: e.action, instance_id: e.instanceId, detail: JSON.stringify(e.detail) }).execute();
}

/** Newest first. `action` matches a prefix ("auth." → every sign-in record). */
export async function queryAudit(db: Db, f: AuditFilter = {}): Promise<AuditEntry[]> {
  let q = db.selectFrom("audit_log").selectAll();
  if (f.action) q = f.action.endsWith(".") ? q.where("action", "like", `${f.action.replace(/[%_\\]/g, "")}%`) : q.where("action", "=", f.action);
  if (f.actor) q = q.where("actor", "=", f.actor);
  if (f.instanceId) q = q.where("instance_id", "=", f.instanceId);
  const rows = await q.orderBy("id", "desc").limit(Math.min(Math.max(f.limit ?? 100, 1), 1000)).execute();
  return rows.map((r) => ({ id: Number(r.id), at: Number(r.at), actor: r.actor, action: r.action, instanceId: r.instance_id, detail: JSON.parse(r.detail) as Record<string, unknown> }));
}
