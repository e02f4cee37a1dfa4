// Persistence of investigations and their append-only step records. Every write that touches both
// tables (a step result, a note) is ONE transaction with the investigation's updated_at: when the
// call returns, the record is on disk; when it throws, nothing was written.
import "server-only";
import { randomUUID } from "node:crypto";
import type { ProbeResult } from "@/lib/probes/types";
import type { Investigation, InvestigationStatus, InvestigationStepRecord, InvestigationWithSteps } from "@/lib/investigations/types";
import type { Db } from "./database";
import type { InvestigationStepsTable, InvestigationsTable } from "./schema";

type InvestigationRow = Omit<InvestigationsTable, "created_by"> & { created_by: string };
type StepRow = Omit<InvestigationStepsTable, "id"> & { id: number };

const iso = (ms: number | string) => new Date(Number(ms)).toISOString();

function fromRow(r: InvestigationRow): Investigation {
  return {
    id: r.id,
    instanceId: r.instance_id,
    playbookId: r.playbook_id,
    status: r.status as InvestigationStatus,
    rootCauseId: r.root_cause_id,
    title: r.title,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    createdBy: r.created_by,
  };
}

function stepFromRow(r: StepRow): InvestigationStepRecord {
  return {
    id: Number(r.id),
    investigationId: r.investigation_id,
    stepId: r.step_id,
    probeId: r.probe_id,
    params: r.params === null ? null : (JSON.parse(r.params) as Record<string, unknown>),
    result: r.result === null ? null : (JSON.parse(r.result) as InvestigationStepRecord["result"]),
    note: r.note,
    who: r.who,
    at: iso(r.at),
  };
}

/** Strictly increasing per process, so two writes in one millisecond still order by time. */
let lastNow = 0;
function now(): number {
  lastNow = Math.max(Date.now(), lastNow + 1);
  return lastNow;
}

export interface NewInvestigation {
  instanceId: string;
  playbookId: string;
  title: string;
  createdBy?: string;
}

export async function createInvestigation(db: Db, input: NewInvestigation): Promise<Investigation> {
  const t = now();
  const row: InvestigationRow = {
    id: randomUUID(),
    instance_id: input.instanceId,
    playbook_id: input.playbookId,
    status: "open",
    root_cause_id: null,
    title: input.title,
    created_at: t,
    updated_at: t,
    created_by: input.createdBy ?? "local",
  };
  await db.insertInto("investigations").values(row).execute();
  return fromRow(row);
}

export async function getInvestigation(db: Db, id: string): Promise<InvestigationWithSteps | undefined> {
  const row = await db.selectFrom("investigations").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) return undefined;
  const steps = await db.selectFrom("investigation_steps").selectAll().where("investigation_id", "=", id).orderBy("at", "asc").orderBy("id", "asc").execute();
  return { ...fromRow(row), steps: steps.map((s) => stepFromRow(s as StepRow)) };
}

export interface InvestigationQuery {
  instanceId?: string;
  statuses?: readonly InvestigationStatus[];
  limit?: number;
}

/** Most recently touched first. */
export async function listInvestigations(db: Db, q: InvestigationQuery = {}): Promise<Investigation[]> {
  let query = db.selectFrom("investigations").selectAll();
  if (q.instanceId) query = query.where("instance_id", "=", q.instanceId);
  if (q.statuses?.length) query = query.where("status", "in", [...q.statuses]);
  const rows = await query.orderBy("updated_at", "desc").limit(q.limit ?? 100).execute();
  return rows.map(fromRow);
}

export interface NewStepRecord {
  stepId: string | null;
  probeId?: string | null;
  params?: Record<string, unknown> | null;
  result?: InvestigationStepRecord["result"];
  note?: string | null;
  who: string;
}

/**
 * Appends one record and touches the investigation, in one transaction. Returns undefined when the
 * investigation does not exist (nothing written).
 */
export async function appendStepRecord(
  db: Db,
  investigationId: string,
  rec: NewStepRecord,
  /** More writes that must commit or fail together with the record (a fix's audit records). */
  alsoInTransaction?: (trx: Db) => Promise<void>,
): Promise<InvestigationStepRecord | undefined> {
  return db.transaction().execute(async (trx) => {
    const at = now();
    const touched = await trx.updateTable("investigations").set({ updated_at: at }).where("id", "=", investigationId).executeTakeFirst();
    if (Number(touched.numUpdatedRows) === 0) return undefined;
    const row = await trx
      .insertInto("investigation_steps")
      .values({
        investigation_id: investigationId,
        step_id: rec.stepId,
        probe_id: rec.probeId ?? null,
        params: rec.params === undefined || rec.params === null ? null : JSON.stringify(rec.params),
        result: rec.result === undefined || rec.result === null ? null : JSON.stringify(rec.result),
        note: rec.note ?? null,
        who: rec.who,
        at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await alsoInTransaction?.(trx);
    return stepFromRow(row as StepRow);
  });
}

export function addStepResult(db: Db, investigationId: string, rec: { stepId: string; probeId: string; params: Record<string, unknown>; result: ProbeResult; who: string }) {
  return appendStepRecord(db, investigationId, rec);
}

export function addNote(db: Db, investigationId: string, rec: { stepId: string | null; text: string; who: string }) {
  return appendStepRecord(db, investigationId, { stepId: rec.stepId, note: rec.text, who: rec.who });
}

export interface InvestigationChange {
  status?: InvestigationStatus;
  /** null clears the choice. */
  rootCauseId?: string | null;
}

/**
 * One transaction: the change, and an investigation_events row per field that really changed (the
 * timeline shows who changed the status or the root cause, and when). Returns the updated
 * investigation, or undefined when unknown.
 */
export async function updateInvestigation(db: Db, id: string, change: InvestigationChange, who = "local"): Promise<Investigation | undefined> {
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("investigations").select(["status", "root_cause_id"]).where("id", "=", id).executeTakeFirst();
    if (!before) return undefined;
    const at = now();
    const set: Partial<InvestigationRow> = { updated_at: at };
    if (change.status !== undefined) set.status = change.status;
    if (change.rootCauseId !== undefined) set.root_cause_id = change.rootCauseId;
    const row = await trx.updateTable("investigations").set(set).where("id", "=", id).returningAll().executeTakeFirst();
    if (!row) return undefined;
    const events: Array<{ kind: string; from_value: string | null; to_value: string | null }> = [];
    if (change.status !== undefined && change.status !== before.status) events.push({ kind: "status", from_value: before.status, to_value: change.status });
    if (change.rootCauseId !== undefined && change.rootCauseId !== before.root_cause_id) events.push({ kind: "root-cause", from_value: before.root_cause_id, to_value: change.rootCauseId });
    for (const e of events) await trx.insertInto("investigation_events").values({ investigation_id: id, at, who, ...e }).execute();
    return fromRow(row);
  });
}

export const setStatus = (db: Db, id: string, status: InvestigationStatus) => updateInvestigation(db, id, { status });
export const setRootCause = (db: Db, id: string, rootCauseId: string | null) => updateInvestigation(db, id, { rootCauseId });
