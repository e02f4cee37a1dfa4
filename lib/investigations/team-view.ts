// The team lead's view, computed from what the store holds: open investigations, incidents by
// playbook per week, prevention items still open per instance (failing prevention config checks
// from the latest configuration audit Redline saw, and postmortem action items not done), and
// alerting coverage per instance. Pure: the service reads, this decides. Safe in the browser (types).
import type { Investigation } from "./types";
import type { ActionItem } from "./postmortem-schema";
import type { ThresholdRule } from "@/lib/metrics/rule-types";

export interface TeamInstance {
  id: string;
  name: string;
  address: string;
  ruleOverrides: Record<string, number>;
}

export interface ConfigAuditSeen {
  instanceId: string;
  at: string;
  rows: Array<{ name: string; current: string | null; recommended: string; status: string; node?: string }>;
}

export interface TeamInputs {
  now: number;
  instances: TeamInstance[];
  investigations: Investigation[];
  /** playbook id → title and prevention config check settings. */
  playbooks: Record<string, { title: string; configChecks: Array<{ setting: string; recommended: string; why: string }> }>;
  /** Latest config-audit result per instance, when an investigation ran one. */
  configAudits: ConfigAuditSeen[];
  /** Postmortem action items per investigation. */
  actionItems: Record<string, ActionItem[]>;
  sampling: { enabled: boolean; instanceIds: string[] };
  webhookConfigured: boolean;
  rules: readonly ThresholdRule[];
}

export interface OpenInvestigationRow {
  id: string;
  title: string;
  instance: { id: string; name: string } | null;
  playbookId: string;
  playbookTitle: string;
  status: Investigation["status"];
  createdAt: string;
  updatedAt: string;
  ageMs: number;
  createdBy: string;
}

export interface PreventionRow {
  instance: { id: string; name: string; address: string };
  /** When the configuration was last audited (null: never, so config checks are unknown). */
  auditedAt: string | null;
  failingChecks: Array<{ setting: string; current: string | null; recommended: string; why: string; playbooks: string[] }>;
  openItems: Array<{ investigationId: string; investigationTitle: string; item: ActionItem }>;
}

export type CoverageLevel = "covered" | "partial" | "none";

export interface CoverageRow {
  instance: { id: string; name: string; address: string };
  level: CoverageLevel;
  reasons: string[];
}

export interface TeamView {
  generatedAt: string;
  openInvestigations: OpenInvestigationRow[];
  weeks: Array<{ week: string; counts: Record<string, number>; total: number }>;
  playbookTitles: Record<string, string>;
  prevention: PreventionRow[];
  coverage: CoverageRow[];
  webhookConfigured: boolean;
  samplingEnabled: boolean;
}

export const WEEKS = 12;
const DAY = 86_400_000;

/** Monday 00:00 UTC of the week holding t, as YYYY-MM-DD. */
export function weekStart(t: number): string {
  const d = new Date(t);
  const monday = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - ((d.getUTCDay() + 6) % 7) * DAY;
  return new Date(monday).toISOString().slice(0, 10);
}

/** An override that loosens a rule at least tenfold leaves it practically silent. */
function muted(rule: ThresholdRule, value: number): boolean {
  if (rule.threshold === 0) return false;
  return rule.op === ">" || rule.op === ">=" ? value >= rule.threshold * 10 : value <= rule.threshold / 10;
}

export function teamView(i: TeamInputs): TeamView {
  const byId = new Map(i.instances.map((x) => [x.id, x]));
  const openInvestigations = i.investigations
    .filter((inv) => inv.status !== "resolved")
    .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt))
    .map((inv) => {
      const inst = byId.get(inv.instanceId);
      return {
        id: inv.id,
        title: inv.title,
        instance: inst ? { id: inst.id, name: inst.name } : null,
        playbookId: inv.playbookId,
        playbookTitle: i.playbooks[inv.playbookId]?.title ?? inv.playbookId,
        status: inv.status,
        createdAt: inv.createdAt,
        updatedAt: inv.updatedAt,
        ageMs: i.now - Date.parse(inv.createdAt),
        createdBy: inv.createdBy,
      };
    });

  const weeks = Array.from({ length: WEEKS }, (_, k) => weekStart(i.now - (WEEKS - 1 - k) * 7 * DAY)).map((week) => ({ week, counts: {} as Record<string, number>, total: 0 }));
  const weekIndex = new Map(weeks.map((w, k) => [w.week, k]));
  for (const inv of i.investigations) {
    const w = weekIndex.get(weekStart(Date.parse(inv.createdAt)));
    if (w === undefined) continue;
    weeks[w]!.counts[inv.playbookId] = (weeks[w]!.counts[inv.playbookId] ?? 0) + 1;
    weeks[w]!.total++;
  }

  const latestAudit = new Map<string, ConfigAuditSeen>();
  for (const a of i.configAudits) if (!latestAudit.has(a.instanceId) || Date.parse(a.at) > Date.parse(latestAudit.get(a.instanceId)!.at)) latestAudit.set(a.instanceId, a);
  const prevention: PreventionRow[] = i.instances.map((inst) => {
    const audit = latestAudit.get(inst.id);
    const failing = new Map<string, PreventionRow["failingChecks"][number]>();
    for (const [pid, pb] of Object.entries(i.playbooks)) {
      for (const c of pb.configChecks) {
        const row = audit?.rows.find((r) => r.name === c.setting && r.status === "warn");
        if (!row) continue;
        const f = failing.get(c.setting) ?? { setting: c.setting, current: row.current, recommended: c.recommended, why: c.why, playbooks: [] };
        f.playbooks.push(pid);
        failing.set(c.setting, f);
      }
    }
    const openItems = i.investigations
      .filter((inv) => inv.instanceId === inst.id)
      .flatMap((inv) => (i.actionItems[inv.id] ?? []).filter((it) => !it.done).map((item) => ({ investigationId: inv.id, investigationTitle: inv.title, item })));
    return { instance: { id: inst.id, name: inst.name, address: inst.address }, auditedAt: audit?.at ?? null, failingChecks: [...failing.values()], openItems };
  });

  const sampled = new Set(i.sampling.instanceIds);
  const coverage: CoverageRow[] = i.instances.map((inst) => {
    const reasons: string[] = [];
    let level: CoverageLevel = "covered";
    if (!i.sampling.enabled) {
      reasons.push("The sampler is off (REDLINE_SAMPLER=off): no live alert can fire");
      level = "none";
    } else if (!sampled.has(inst.id)) {
      reasons.push("The sampler is not sampling this instance: no live alert can fire");
      level = "none";
    }
    const silenced = i.rules.filter((r) => r.alert !== false && Object.hasOwn(inst.ruleOverrides, r.id) && muted(r, inst.ruleOverrides[r.id]!));
    if (silenced.length) {
      reasons.push(`Thresholds loosened tenfold or more by overrides: ${silenced.map((r) => r.id).join(", ")}`);
      if (level === "covered") level = "partial";
    }
    if (!i.webhookConfigured) {
      reasons.push("No alert webhook (REDLINE_ALERT_WEBHOOK_URL): alerts only show in Redline, nobody is paged");
      if (level === "covered") level = "partial";
    }
    return { instance: { id: inst.id, name: inst.name, address: inst.address }, level, reasons };
  });

  return {
    generatedAt: new Date(i.now).toISOString(),
    openInvestigations,
    weeks,
    playbookTitles: Object.fromEntries(Object.entries(i.playbooks).map(([k, v]) => [k, v.title])),
    prevention,
    coverage,
    webhookConfigured: i.webhookConfigured,
    samplingEnabled: i.sampling.enabled,
  };
}
