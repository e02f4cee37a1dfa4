// Builds the export bundle (bundle-schema.ts) from what the store holds about one investigation:
// step records verbatim, every command sent, fix actions with their audit records, the root cause's
// deciding evidence, alerts and markers of the window, the timeline and the postmortem. Pure: the
// loader (load-export.ts) does the reading; redaction is applied after.
import type { AlertRecord } from "@/lib/metrics/alert-state";
import type { Marker } from "@/lib/metrics/marker";
import type { PlaybookData } from "@/lib/playbooks/schema";
import type { InstancePublic } from "@/lib/api/schemas/instance";
import { isProbeResult, type Hypothesis, type InvestigationWithSteps } from "@/lib/investigations/types";
import type { TimelineEntry } from "@/lib/investigations/timeline-types";
import type { Postmortem } from "@/lib/investigations/postmortem-schema";
import { EXPORT_SCHEMA_PATH, EXPORT_SCHEMA_VERSION, type ExportBundle } from "./bundle-schema";

export interface AuditInput {
  id: number;
  at: number;
  actor: string;
  action: string;
  detail: Record<string, unknown>;
}

export interface BundleInput {
  investigation: InvestigationWithSteps;
  hypotheses: Hypothesis[];
  instance: InstancePublic | null;
  playbook: PlaybookData;
  audit: readonly AuditInput[];
  alerts: readonly AlertRecord[];
  markers: readonly Marker[];
  window: { from: number; to: number };
  timeline: TimelineEntry[];
  postmortem: Postmortem;
  generatedAt: Date;
  generatedBy: string;
}

const iso = (t: number) => new Date(t).toISOString();

export function assembleBundle(input: BundleInput): ExportBundle {
  const { investigation: inv, playbook } = input;
  const stepTitle = (id: string | null) => (id === null ? null : (playbook.investigation.find((s) => s.id === id)?.title ?? playbook.fixes.find((f) => `fix:${f.id}` === id)?.title ?? id));
  const steps: ExportBundle["steps"] = inv.steps.map((s) => ({
    id: s.id,
    kind: s.result === null ? "note" : isProbeResult(s.result) ? "probe" : "fix",
    stepId: s.stepId,
    title: stepTitle(s.stepId),
    probeId: s.probeId,
    params: s.params,
    result: s.result as ExportBundle["steps"][number]["result"],
    note: s.note,
    who: s.who,
    at: s.at,
  }));

  const commands: ExportBundle["commands"] = [];
  for (const s of inv.steps) {
    if (s.result === null) continue;
    if (isProbeResult(s.result)) {
      for (const c of s.result.commands) commands.push({ ...c, recordId: s.id, at: s.result.startedAt, source: "probe" });
      continue;
    }
    const fix = s.result;
    for (const c of fix.before.commands) commands.push({ ...c, recordId: s.id, at: fix.before.startedAt, source: "fix-verify" });
    for (const r of fix.replies) commands.push({ argv: r.argv, node: r.node, durationMs: 0, ...(r.error ? { error: `${r.error.code}: ${r.error.message}` } : {}), recordId: s.id, at: s.at, source: "fix" });
    for (const c of fix.after.commands) commands.push({ ...c, recordId: s.id, at: fix.after.startedAt, source: "fix-verify" });
  }

  const actions: ExportBundle["actions"] = inv.steps.flatMap((s) => {
    if (s.result === null || isProbeResult(s.result)) return [];
    const fix = s.result;
    const def = playbook.fixes.find((f) => f.id === fix.actionId);
    // The fix's audit records were written in the same transaction as the step record.
    const audit = input.audit.filter((a) => a.action === "fix.execute" && a.detail.investigationId === inv.id && a.detail.actionId === fix.actionId && Math.abs(a.at - Date.parse(s.at)) < 5_000);
    return [
      {
        recordId: s.id,
        actionId: fix.actionId,
        title: def?.title ?? fix.actionId,
        risk: def?.risk ?? null,
        at: s.at,
        who: s.who,
        argv: fix.argv,
        replies: fix.replies,
        verified: fix.verified,
        audit: audit.map((a) => ({ id: a.id, at: iso(a.at), actor: a.actor, action: a.action, detail: a.detail })),
      },
    ];
  });

  const rootCauseEvidence: ExportBundle["rootCauseEvidence"] = input.hypotheses
    .filter((h) => h.state !== "open" || h.rootCauseId === inv.rootCauseId)
    .map((h) => ({
      rootCauseId: h.rootCauseId,
      title: h.title,
      chosen: h.rootCauseId === inv.rootCauseId,
      state: h.state,
      findings: inv.steps.flatMap((s) => {
        const r = s.result;
        return isProbeResult(r) ? r.findings.filter((f) => h.decidedBy.includes(f.code)).map((f) => ({ ...f, recordId: s.id, stepId: s.stepId, probeId: r.probeId, at: s.at })) : [];
      }),
    }));

  const i = input.instance;
  return {
    $schema: EXPORT_SCHEMA_PATH,
    schemaVersion: EXPORT_SCHEMA_VERSION,
    generatedAt: input.generatedAt.toISOString(),
    generatedBy: input.generatedBy,
    redacted: false,
    instance: i && {
      id: i.id,
      name: i.name,
      host: i.host,
      port: i.port,
      mode: i.mode,
      db: i.db,
      tls: i.tls.enabled,
      sentinelMaster: i.sentinelMaster,
      tags: i.tags,
      allowRemediation: i.allowRemediation,
      hasPassword: i.hasPassword,
    },
    playbook: {
      id: playbook.id,
      title: playbook.title,
      summary: playbook.summary,
      rootCauses: playbook.rootCauses.map((r) => ({ id: r.id, title: r.title, explanation: r.explanation, confirmedBy: r.confirmedBy, ruledOutBy: r.ruledOutBy ?? [] })),
      prevention: playbook.prevention,
    },
    investigation: { id: inv.id, title: inv.title, status: inv.status, rootCauseId: inv.rootCauseId, createdAt: inv.createdAt, updatedAt: inv.updatedAt, createdBy: inv.createdBy },
    hypotheses: input.hypotheses,
    rootCauseEvidence,
    steps,
    commands,
    actions,
    alerts: input.alerts.map((a) => ({
      id: a.id,
      ruleId: a.ruleId,
      node: a.node,
      severity: a.severity,
      findingCode: a.findingCode,
      state: a.state,
      value: a.value,
      threshold: a.threshold,
      message: a.message,
      startedAt: iso(a.startedAt),
      firedAt: a.firedAt === null ? null : iso(a.firedAt),
      resolvedAt: a.resolvedAt === null ? null : iso(a.resolvedAt),
    })),
    markers: input.markers.map((m) => ({ at: iso(m.t), kind: m.kind, node: m.node, detail: m.detail })),
    window: { from: iso(input.window.from), to: iso(input.window.to) },
    timeline: input.timeline,
    postmortem: { doc: input.postmortem.doc, version: input.postmortem.version, updatedAt: input.postmortem.updatedAt, updatedBy: input.postmortem.updatedBy },
  };
}
