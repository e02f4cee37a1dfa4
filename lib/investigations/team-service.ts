// Reads what the team lead's view needs: instances, investigations (recent first, bounded), the
// latest configuration audit each instance got in an investigation, postmortem action items, and
// the sampler's state; team-view.ts turns it into the page's rows.
import "server-only";
import { PLAYBOOKS } from "@/lib/playbooks";
import { RULES } from "@/lib/metrics/rules";
import { getSampler } from "@/lib/metrics/sampler-registry";
import { readSamplerEnv } from "@/lib/metrics/sampler-env";
import { getStore } from "@/lib/store/get-store";
import { listInstances } from "@/lib/store/instances-repo";
import { listInvestigations } from "@/lib/store/investigations-repo";
import type { ConfigAuditData } from "@/lib/probes/config-audit";
import type { PostmortemDoc } from "./postmortem-schema";
import { teamView, type ConfigAuditSeen, type TeamView } from "./team-view";

const MAX_INVESTIGATIONS = 1000;

export async function loadTeamView(now = Date.now()): Promise<TeamView> {
  const { db } = await getStore();
  const [instances, investigations, audits, postmortems] = await Promise.all([
    listInstances(db),
    listInvestigations(db, { limit: MAX_INVESTIGATIONS }),
    // The latest config-audit step result of each instance's investigations.
    db
      .selectFrom("investigation_steps as s")
      .innerJoin("investigations as i", "i.id", "s.investigation_id")
      .select(["i.instance_id", "s.at", "s.result"])
      .where("s.probe_id", "=", "config-audit")
      .where("s.step_id", "not like", "fix:%")
      .orderBy("s.at", "desc")
      .limit(500)
      .execute(),
    db.selectFrom("postmortems").select(["investigation_id", "doc"]).execute(),
  ]);
  const configAudits: ConfigAuditSeen[] = [];
  const seen = new Set<string>();
  for (const a of audits) {
    if (seen.has(a.instance_id) || !a.result) continue;
    const result = JSON.parse(a.result) as { data?: ConfigAuditData; error?: unknown };
    if (result.error || !result.data?.rows) continue;
    seen.add(a.instance_id);
    configAudits.push({ instanceId: a.instance_id, at: new Date(Number(a.at)).toISOString(), rows: result.data.rows });
  }
  const env = readSamplerEnv();
  const sampler = getSampler();
  return teamView({
    now,
    instances: instances.map((i) => ({ id: i.id, name: i.name, address: `${i.host}:${i.port}`, ruleOverrides: i.ruleOverrides ?? {} })),
    investigations,
    playbooks: Object.fromEntries(PLAYBOOKS.map((p) => [p.id, { title: p.title, configChecks: p.prevention.configChecks }])),
    configAudits,
    actionItems: Object.fromEntries(postmortems.map((p) => [p.investigation_id, (JSON.parse(p.doc) as PostmortemDoc).actionItems])),
    sampling: { enabled: env.enabled && sampler !== undefined, instanceIds: sampler ? [...sampler.instances.keys()] : [] },
    webhookConfigured: Boolean(env.webhookUrl),
    rules: RULES,
  });
}
