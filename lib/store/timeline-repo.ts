// Persistence of the timeline's human part: hand-made entries, stars and edits of generated entries
// (one row per entry key), and the investigation's status / root-cause change events.
import "server-only";
import { randomUUID } from "node:crypto";
import type { Db } from "./database";
import type { TimelineEntriesTable } from "./schema";

export interface TimelineOverride {
  key: string;
  manual: boolean;
  starred: boolean;
  text: string | null;
  /** Epoch ms, null when the generated time stands. */
  at: number | null;
  who: string;
  updatedAt: number;
}

export interface InvestigationEvent {
  id: number;
  at: number;
  kind: "status" | "root-cause";
  from: string | null;
  to: string | null;
  who: string;
}

const fromRow = (r: TimelineEntriesTable): TimelineOverride => ({
  key: r.entry_key,
  manual: Number(r.manual) === 1,
  starred: Number(r.starred) === 1,
  text: r.text,
  at: r.at === null ? null : Number(r.at),
  who: r.who,
  updatedAt: Number(r.updated_at),
});

export async function listTimelineOverrides(db: Db, investigationId: string): Promise<TimelineOverride[]> {
  const rows = await db.selectFrom("timeline_entries").selectAll().where("investigation_id", "=", investigationId).orderBy("updated_at").execute();
  return rows.map(fromRow);
}

export async function addManualEntry(db: Db, investigationId: string, e: { at: number; text: string; starred?: boolean; who: string }): Promise<TimelineOverride> {
  const row: TimelineEntriesTable = {
    investigation_id: investigationId,
    entry_key: `manual:${randomUUID()}`,
    manual: 1,
    starred: e.starred ? 1 : 0,
    text: e.text,
    at: e.at,
    who: e.who,
    updated_at: Date.now(),
  };
  await db.insertInto("timeline_entries").values(row).execute();
  return fromRow(row);
}

export interface TimelineEdit {
  starred?: boolean;
  /** null restores the generated text (generated entries only). */
  text?: string | null;
  at?: number | null;
}

/**
 * Stars or edits one entry. A generated entry gets its override row on first edit (upsert); a
 * manual entry must exist. Returns undefined for an unknown manual entry.
 */
export async function editTimelineEntry(db: Db, investigationId: string, key: string, edit: TimelineEdit, who: string): Promise<TimelineOverride | undefined> {
  return db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom("timeline_entries").selectAll().where("investigation_id", "=", investigationId).where("entry_key", "=", key).executeTakeFirst();
    const manual = key.startsWith("manual:");
    if (!current && manual) return undefined;
    const next: TimelineEntriesTable = {
      investigation_id: investigationId,
      entry_key: key,
      manual: manual ? 1 : 0,
      starred: edit.starred === undefined ? (current?.starred ?? 0) : edit.starred ? 1 : 0,
      text: edit.text === undefined ? (current?.text ?? null) : edit.text,
      at: edit.at === undefined ? (current?.at ?? null) : edit.at,
      who,
      updated_at: Date.now(),
    };
    // A manual entry always keeps its text and time.
    if (manual && (next.text === null || next.at === null)) {
      next.text ??= current!.text;
      next.at ??= current!.at;
    }
    if (current) {
      await trx.updateTable("timeline_entries").set(next).where("investigation_id", "=", investigationId).where("entry_key", "=", key).execute();
    } else {
      await trx.insertInto("timeline_entries").values(next).execute();
    }
    return fromRow(next);
  });
}

/** Removes a hand-made entry, or resets a generated entry's edits. True when a row went away. */
export async function deleteTimelineEntry(db: Db, investigationId: string, key: string): Promise<boolean> {
  const res = await db.deleteFrom("timeline_entries").where("investigation_id", "=", investigationId).where("entry_key", "=", key).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

export async function appendInvestigationEvent(db: Db, investigationId: string, e: Omit<InvestigationEvent, "id">): Promise<void> {
  await db.insertInto("investigation_events").values({ investigation_id: investigationId, at: e.at, kind: e.kind, from_value: e.from, to_value: e.to, who: e.who }).execute();
}

export async function listInvestigationEvents(db: Db, investigationId: string): Promise<InvestigationEvent[]> {
  const rows = await db.selectFrom("investigation_events").selectAll().where("investigation_id", "=", investigationId).orderBy("at").orderBy("id").execute();
  return rows.map((r) => ({ id: Number(r.id), at: Number(r.at), kind: r.kind as InvestigationEvent["kind"], from: r.from_value, to: r.to_value, who: r.who }));
}
