// Persistence of postmortem documents: one row per investigation, replaced whole on each save, with
// a version so that two authors do not silently overwrite each other.
import "server-only";
import type { PostmortemDoc } from "@/lib/investigations/postmortem-schema";
import type { Db } from "./database";

export interface StoredPostmortem {
  doc: PostmortemDoc;
  version: number;
  updatedAt: number;
  updatedBy: string;
}

export async function getPostmortem(db: Db, investigationId: string): Promise<StoredPostmortem | undefined> {
  const r = await db.selectFrom("postmortems").selectAll().where("investigation_id", "=", investigationId).executeTakeFirst();
  return r && { doc: JSON.parse(r.doc) as PostmortemDoc, version: Number(r.version), updatedAt: Number(r.updated_at), updatedBy: r.updated_by };
}

export type SaveOutcome = { ok: true; saved: StoredPostmortem } | { ok: false; current: StoredPostmortem | undefined };

/**
 * Saves when the stored version is still `baseVersion` (0: none stored yet), in one transaction;
 * otherwise answers the stored document so the caller can report the conflict.
 */
export async function savePostmortem(db: Db, investigationId: string, doc: PostmortemDoc, baseVersion: number, who: string): Promise<SaveOutcome> {
  return db.transaction().execute(async (trx) => {
    const current = await getPostmortem(trx, investigationId);
    if ((current?.version ?? 0) !== baseVersion) return { ok: false, current };
    const saved: StoredPostmortem = { doc, version: baseVersion + 1, updatedAt: Date.now(), updatedBy: who };
    const row = { doc: JSON.stringify(doc), version: saved.version, updated_at: saved.updatedAt, updated_by: who };
    if (current) await trx.updateTable("postmortems").set(row).where("investigation_id", "=", investigationId).execute();
    else await trx.insertInto("postmortems").values({ investigation_id: investigationId, ...row }).execute();
    return { ok: true, saved };
  });
}
