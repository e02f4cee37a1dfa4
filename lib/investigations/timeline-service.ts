// Timeline and postmortem use cases behind the API: the timeline built from the investigation and
// what the store knows about the instance in its window (alerts, markers), people's stars, edits
// and hand-made entries; the postmortem document (the saved one, or the draft pre-filled from the
// investigation and the playbook) and its versioned saves.
import "server-only";
import { ApiError } from "@/lib/api/problem";
import { getPlaybook, type Playbook } from "@/lib/playbooks";
import type { Db } from "@/lib/store/database";
import { getStore } from "@/lib/store/get-store";
import { getInstance } from "@/lib/store/instances-repo";
import { getInvestigation } from "@/lib/store/investigations-repo";
import { listAlerts } from "@/lib/store/alerts-repo";
import { readMarkers } from "@/lib/store/metric-markers-repo";
import * as timelineRepo from "@/lib/store/timeline-repo";
import { getPostmortem, savePostmortem } from "@/lib/store/postmortems-repo";
import { hypotheses } from "./hypotheses";
import { draftPostmortem } from "./postmortem-draft";
import type { Postmortem, PostmortemDoc } from "./postmortem-schema";
import { assembleTimeline, timelineWindow } from "./timeline";
import type { TimelineEntry } from "./timeline-types";
import type { InvestigationWithSteps } from "./types";

export async function requireInvestigationWithPlaybook(db: Db, id: string): Promise<{ inv: InvestigationWithSteps; playbook: Playbook }> {
  const inv = await getInvestigation(db, id);
  if (!inv) throw new ApiError("not_found", `No investigation with id ${id}`);
  const playbook = getPlaybook(inv.playbookId);
  if (!playbook) throw new ApiError("not_found", `No playbook named ${inv.playbookId}`);
  return { inv, playbook };
}

export function playbookTitles(playbook: Playbook) {
  return {
    steps: Object.fromEntries(playbook.investigation.map((s) => [s.id, s.title])),
    fixes: Object.fromEntries(playbook.fixes.map((f) => [f.id, f.title])),
    rootCauses: Object.fromEntries(playbook.rootCauses.map((r) => [r.id, r.title])),
  };
}

/** Everything the timeline is built from, read once (the export reuses the alerts and markers). */
export async function timelineSources(db: Db, inv: InvestigationWithSteps, playbook: Playbook, now = Date.now()) {
  const window = timelineWindow(inv, now);
  const [events, alerts, markers, overrides] = await Promise.all([
    timelineRepo.listInvestigationEvents(db, inv.id),
    listAlerts(db, { instanceId: inv.instanceId, limit: 1000 }),
    readMarkers(db, inv.instanceId, window.from, window.to + 1),
    timelineRepo.listTimelineOverrides(db, inv.id),
  ]);
  const touching = alerts.filter((a) => (a.firedAt ?? a.startedAt) <= window.to && (a.resolvedAt ?? Infinity) >= window.from && a.firedAt !== null);
  const timeline = assembleTimeline({ investigation: inv, titles: playbookTitles(playbook), events, alerts: touching, markers, overrides, window });
  return { window, alerts: touching, markers, timeline };
}

export async function loadTimeline(id: string): Promise<TimelineEntry[]> {
  const { db } = await getStore();
  const { inv, playbook } = await requireInvestigationWithPlaybook(db, id);
  return (await timelineSources(db, inv, playbook)).timeline;
}

export async function addTimelineEntry(id: string, e: { at: string; text: string; starred?: boolean }, who: string): Promise<TimelineEntry[]> {
  const { db } = await getStore();
  await requireInvestigationWithPlaybook(db, id);
  await timelineRepo.addManualEntry(db, id, { at: Date.parse(e.at), text: e.text, starred: e.starred, who });
  return loadTimeline(id);
}

export async function editTimelineEntry(id: string, entryId: string, edit: { starred?: boolean; text?: string | null; at?: string | null }, who: string): Promise<TimelineEntry[]> {
  const { db } = await getStore();
  const { inv, playbook } = await requireInvestigationWithPlaybook(db, id);
  // Only entries that exist can be starred or edited: an override of a made-up id would be dead weight.
  const current = (await timelineSources(db, inv, playbook)).timeline;
  if (!current.some((e) => e.id === entryId)) throw new ApiError("not_found", `No timeline entry ${entryId} in this investigation`);
  const at = edit.at === undefined ? undefined : edit.at === null ? null : Date.parse(edit.at);
  await timelineRepo.editTimelineEntry(db, id, entryId, { starred: edit.starred, text: edit.text, at }, who);
  return loadTimeline(id);
}

/** Deletes a hand-made entry; for a generated entry, drops its star and edits. */
export async function removeTimelineEntry(id: string, entryId: string): Promise<TimelineEntry[]> {
  const { db } = await getStore();
  await requireInvestigationWithPlaybook(db, id);
  if (!(await timelineRepo.deleteTimelineEntry(db, id, entryId))) throw new ApiError("not_found", `No hand-made or edited timeline entry ${entryId}`);
  return loadTimeline(id);
}

export async function postmortemOf(db: Db, inv: InvestigationWithSteps, playbook: Playbook): Promise<Postmortem> {
  const stored = await getPostmortem(db, inv.id);
  if (stored) return { investigationId: inv.id, doc: stored.doc, version: stored.version, updatedAt: new Date(stored.updatedAt).toISOString(), updatedBy: stored.updatedBy };
  const instance = await getInstance(db, inv.instanceId);
  const doc = draftPostmortem(inv, playbook, hypotheses(playbook.rootCauses, inv.steps), instance?.name ?? "a deleted instance");
  return { investigationId: inv.id, doc, version: 0, updatedAt: null, updatedBy: null };
}

export async function loadPostmortem(id: string): Promise<Postmortem> {
  const { db } = await getStore();
  const { inv, playbook } = await requireInvestigationWithPlaybook(db, id);
  return postmortemOf(db, inv, playbook);
}

export async function savePostmortemDoc(id: string, doc: PostmortemDoc, baseVersion: number, who: string): Promise<Postmortem> {
  const { db } = await getStore();
  await requireInvestigationWithPlaybook(db, id);
  const out = await savePostmortem(db, id, doc, baseVersion, who);
  if (!out.ok) {
    const by = out.current ? ` (version ${out.current.version}, by ${out.current.updatedBy})` : "";
    throw new ApiError("conflict", `The postmortem changed since you loaded it${by}: reload it, then make your change again`);
  }
  return { investigationId: id, doc: out.saved.doc, version: out.saved.version, updatedAt: new Date(out.saved.updatedAt).toISOString(), updatedBy: out.saved.updatedBy };
}
