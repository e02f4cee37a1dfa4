// Builds an investigation's timeline from what was recorded: its start, each probe run and the
// findings it raised (ok findings left out: they are noise in a postmortem), fix actions with the
// commands sent, notes, status and root-cause changes, alerts that fired or resolved on the
// instance and restart/failover markers in the window; then applies the people's stars, edits and
// hand-made entries. Pure: the page, the API and every export get the same list from the same input.
import type { AlertRecord } from "@/lib/metrics/alert-state";
import type { Marker } from "@/lib/metrics/marker";
import { isProbeResult, type InvestigationWithSteps } from "./types";
import type { TimelineEntry, TimelineKind } from "./timeline-types";
import type { InvestigationEvent, TimelineOverride } from "@/lib/store/timeline-repo";

/** A stored star, edit or hand-made entry, as the repository keeps it (its update time aside). */
export type TimelineOverrideInput = Omit<TimelineOverride, "updatedAt">;

/** A status or root-cause change, as the repository records it. */
export type TimelineEventInput = InvestigationEvent;

export interface TimelineInput {
  investigation: InvestigationWithSteps;
  /** Titles for step ids, fix ids and root-cause ids (from the playbook); ids stand in when missing. */
  titles?: { steps?: Record<string, string>; fixes?: Record<string, string>; rootCauses?: Record<string, string> };
  events?: readonly TimelineEventInput[];
  alerts?: readonly AlertRecord[];
  markers?: readonly Marker[];
  overrides?: readonly TimelineOverrideInput[];
  window: { from: number; to: number };
}

/** Alerts and markers up to an hour before the start count: they are often why it started. */
export const LOOKBACK_MS = 60 * 60_000;

/** The window the instance's alerts and markers are read for: an hour before the start, to the last record (or now while open). */
export function timelineWindow(inv: InvestigationWithSteps, now: number): { from: number; to: number } {
  const from = Date.parse(inv.createdAt) - LOOKBACK_MS;
  if (inv.status === "open") return { from, to: now };
  const last = Math.max(Date.parse(inv.updatedAt), ...inv.steps.map((s) => Date.parse(s.at)));
  return { from, to: last + 15 * 60_000 };
}

const MARKER_KIND: Record<Marker["kind"], TimelineKind> = { restart: "restart", failover: "failover", "role-change": "role-change" };

function generated(input: TimelineInput): TimelineEntry[] {
  const { investigation: inv, titles = {} } = input;
  const out: TimelineEntry[] = [];
  const push = (e: Omit<TimelineEntry, "starred" | "edited" | "manual">) => out.push({ ...e, starred: false, edited: false, manual: false });
  const title = (map: Record<string, string> | undefined, id: string) => map?.[id] ?? id;

  push({ id: "started", at: inv.createdAt, kind: "started", text: `Investigation started: ${inv.title}`, who: inv.createdBy });
  for (const s of inv.steps) {
    if (s.result === null) {
      if (s.note !== null) push({ id: `note:${s.id}`, at: s.at, kind: "note", text: s.stepId ? `Note on ${title(titles.steps, s.stepId)}: ${s.note}` : `Note: ${s.note}`, who: s.who });
      continue;
    }
    if (isProbeResult(s.result)) {
      const r = s.result;
      const outcome = r.error ? ` failed (${r.error.code}: ${r.error.message})` : r.partial ? " (partial)" : "";
      push({
        id: `step:${s.id}`,
        at: s.at,
        kind: "probe",
        text: `Ran ${title(titles.steps, s.stepId ?? r.probeId)} (${r.probeId} probe)${outcome}`,
        commands: r.commands.map((c) => c.argv),
        who: s.who,
      });
      for (const f of r.findings) {
        if (f.severity === "ok") continue;
        push({ id: `finding:${s.id}:${f.code}`, at: s.at, kind: "finding", severity: f.severity, text: `${f.code}: ${f.message}` });
      }
      continue;
    }
    const fix = s.result;
    const errored = fix.replies.find((r) => r.error);
    const outcome = errored ? `refused (${errored.error!.code}: ${errored.error!.message})` : fix.verified ? "verified" : "not verified";
    push({
      id: `fix:${s.id}`,
      at: s.at,
      kind: "fix",
      text: `Fix ${title(titles.fixes, fix.actionId)}: ${fix.replies.length} command(s) sent, ${outcome}`,
      commands: fix.argv,
      severity: errored || !fix.verified ? "warning" : "ok",
      who: s.who,
    });
  }
  for (const e of input.events ?? []) {
    const at = new Date(e.at).toISOString();
    if (e.kind === "status") push({ id: `event:${e.id}`, at, kind: "status", text: `Status ${e.from ?? "none"} → ${e.to ?? "none"}`, who: e.who });
    else push({ id: `event:${e.id}`, at, kind: "root-cause", text: e.to ? `Root cause chosen: ${title(titles.rootCauses, e.to)}` : "Root cause cleared", who: e.who });
  }
  const inWindow = (t: number | null): t is number => t !== null && t >= input.window.from && t <= input.window.to;
  for (const a of input.alerts ?? []) {
    if (a.instanceId !== inv.instanceId) continue;
    const where = a.node ? ` on ${a.node}` : "";
    if (inWindow(a.firedAt)) push({ id: `alert:${a.id}:fired`, at: new Date(a.firedAt).toISOString(), kind: "alert-fired", severity: a.severity, text: `Alert ${a.ruleId} fired${where}: ${a.message}` });
    if (inWindow(a.resolvedAt)) push({ id: `alert:${a.id}:resolved`, at: new Date(a.resolvedAt).toISOString(), kind: "alert-resolved", severity: "ok", text: `Alert ${a.ruleId} resolved${where}` });
  }
  for (const m of input.markers ?? []) {
    if (!inWindow(m.t)) continue;
    push({ id: `marker:${m.kind}:${m.node}:${m.t}`, at: new Date(m.t).toISOString(), kind: MARKER_KIND[m.kind], severity: "warning", text: `${m.kind} on ${m.node}: ${m.detail}` });
  }
  return out;
}

/** The timeline, oldest first (ties keep the order above: a probe run before its findings). */
export function assembleTimeline(input: TimelineInput): TimelineEntry[] {
  const overrides = new Map((input.overrides ?? []).map((o) => [o.key, o]));
  const entries = generated(input).map((e): TimelineEntry => {
    const o = overrides.get(e.id);
    if (!o) return e;
    const edited = o.text !== null || o.at !== null;
    return {
      ...e,
      at: o.at !== null ? new Date(o.at).toISOString() : e.at,
      text: o.text ?? e.text,
      starred: o.starred,
      edited,
      ...(edited ? { original: { at: e.at, text: e.text } } : {}),
    };
  });
  for (const o of input.overrides ?? []) {
    if (!o.manual || o.text === null || o.at === null) continue;
    entries.push({ id: o.key, at: new Date(o.at).toISOString(), kind: "manual", text: o.text, who: o.who, starred: o.starred, edited: false, manual: true });
  }
  return entries.map((e, i) => ({ e, i })).sort((a, b) => Date.parse(a.e.at) - Date.parse(b.e.at) || a.i - b.i).map(({ e }) => e);
}
