// Investigation use cases behind the API routes: start one on an instance with a playbook, run a
// playbook step (the probe's result is saved verbatim, in one transaction, BEFORE the call returns:
// the page says "saved" only then), notes, status and the chosen root cause.
import "server-only";
import { ApiError } from "@/lib/api/problem";
import { requireConnectionConfig } from "@/lib/instances/instance-service";
import { getPlaybook, type Playbook } from "@/lib/playbooks";
import { getProbe } from "@/lib/probes/registry";
import { runProbe } from "@/lib/probes/run-probe";
import type { Db } from "@/lib/store/database";
import { getStore } from "@/lib/store/get-store";
import { appendAudit } from "@/lib/store/audit-repo";
import type { Caller } from "@/lib/security/caller";
import type { InstanceConnectionConfig } from "@/lib/store/instances-repo";
import * as repo from "@/lib/store/investigations-repo";
import { logger } from "@/lib/log/logger";
import { hypotheses } from "./hypotheses";
import type { Investigation, InvestigationDetail, InvestigationStatus, InvestigationStepRecord, InvestigationWithSteps } from "./types";

export interface InvestigationDeps {
  db: Db;
  /** The instance's connection config; throws ApiError not_found for an unknown instance. */
  requireConfig(instanceId: string): Promise<InstanceConnectionConfig>;
}

export async function defaultDeps(): Promise<InvestigationDeps> {
  const { db } = await getStore();
  return { db, requireConfig: requireConnectionConfig };
}

/** Who did it when a caller is not known (scripts and tests calling the service directly). */
export const LOCAL_ACTOR = "local";

/** The name records carry, and the audit detail of how the caller signed in. */
function actorOf(actor: Caller | undefined): { name: string; via?: Caller["via"] } {
  return actor ? { name: actor.name, via: actor.via } : { name: LOCAL_ACTOR };
}

function requirePlaybook(id: string): Playbook {
  const playbook = getPlaybook(id);
  if (!playbook) throw new ApiError("not_found", `No playbook named ${id}`);
  return playbook;
}

async function requireInvestigation(db: Db, id: string): Promise<InvestigationWithSteps> {
  const found = await repo.getInvestigation(db, id);
  if (!found) throw new ApiError("not_found", `No investigation with id ${id}`);
  return found;
}

export function withHypotheses(inv: InvestigationWithSteps): InvestigationDetail {
  const playbook = getPlaybook(inv.playbookId);
  return { ...inv, hypotheses: playbook ? hypotheses(playbook.rootCauses, inv.steps) : [] };
}

export async function startInvestigation(input: { instanceId: string; playbookId: string; actor?: Caller }, deps?: InvestigationDeps): Promise<Investigation> {
  const { db, requireConfig } = deps ?? (await defaultDeps());
  const playbook = requirePlaybook(input.playbookId);
  const config = await requireConfig(input.instanceId);
  const actor = actorOf(input.actor);
  const inv = await repo.createInvestigation(db, { instanceId: config.id, playbookId: playbook.id, title: `${playbook.title} on ${config.name}`, createdBy: actor.name });
  await appendAudit(db, { actor: actor.name, action: "investigation.create", instanceId: config.id, detail: { investigationId: inv.id, playbookId: playbook.id, ...(actor.via ? { via: actor.via } : {}) } });
  logger.info({ investigationId: inv.id, instanceId: inv.instanceId, playbookId: inv.playbookId }, "investigation started");
  return inv;
}

export async function loadInvestigation(id: string, deps?: InvestigationDeps): Promise<InvestigationDetail> {
  const { db } = deps ?? (await defaultDeps());
  return withHypotheses(await requireInvestigation(db, id));
}

export async function listInvestigations(q: { instanceId?: string; status?: InvestigationStatus }, deps?: InvestigationDeps): Promise<Investigation[]> {
  const { db } = deps ?? (await defaultDeps());
  return repo.listInvestigations(db, { instanceId: q.instanceId, statuses: q.status ? [q.status] : undefined });
}

/** Runs the step's probe with the playbook's params against the instance and saves the result before returning. */
export async function runStep(investigationId: string, stepId: string, opts: { signal?: AbortSignal; actor?: Caller } = {}, deps?: InvestigationDeps): Promise<InvestigationStepRecord> {
  const { db, requireConfig } = deps ?? (await defaultDeps());
  const inv = await requireInvestigation(db, investigationId);
  const playbook = requirePlaybook(inv.playbookId);
  const step = playbook.investigation.find((s) => s.id === stepId);
  if (!step) throw new ApiError("not_found", `The ${playbook.id} playbook has no step ${stepId}`);
  const probe = getProbe(step.probe);
  if (!probe) throw new ApiError("not_found", `No probe named ${step.probe}`);
  // The playbook's params are static data checked by tests; parsing fills the probe's defaults.
  const params = probe.params.parse(step.params) as Record<string, unknown>;
  const config = await requireConfig(inv.instanceId);
  const result = await runProbe(probe, config, params, { signal: opts.signal });
  const actor = actorOf(opts.actor);
  // The result and its audit record commit together: a probe run nobody can account for is not kept.
  const saved = await repo.appendStepRecord(db, inv.id, { stepId: step.id, probeId: probe.id, params, result, who: actor.name }, (trx) =>
    appendAudit(trx, {
      actor: actor.name,
      action: "investigation.step-run",
      instanceId: inv.instanceId,
      detail: { investigationId: inv.id, stepId: step.id, probe: probe.id, cost: probe.cost, params, ...(result.error ? { error: result.error.code } : {}), ...(actor.via ? { via: actor.via } : {}) },
    }),
  );
  if (!saved) throw new ApiError("not_found", `No investigation with id ${investigationId}`);
  return saved;
}

export interface InvestigationPatch {
  status?: InvestigationStatus;
  rootCauseId?: string | null;
  note?: { stepId?: string | null; text: string };
}

/** Applies a note first (append-only), then status and root cause. Returns the investigation as GET shows it. */
export async function patchInvestigation(id: string, patch: InvestigationPatch, deps?: InvestigationDeps, actor?: Caller): Promise<InvestigationDetail> {
  const { db } = deps ?? (await defaultDeps());
  const inv = await requireInvestigation(db, id);
  const playbook = requirePlaybook(inv.playbookId);
  if (patch.rootCauseId && !playbook.rootCauses.some((r) => r.id === patch.rootCauseId)) {
    throw new ApiError("invalid_params", `The ${playbook.id} playbook has no root cause ${patch.rootCauseId}`, [{ field: "rootCauseId", message: "Not a root cause of this playbook" }]);
  }
  const noteStep = patch.note?.stepId ?? null;
  if (noteStep && !playbook.investigation.some((s) => s.id === noteStep)) {
    throw new ApiError("invalid_params", `The ${playbook.id} playbook has no step ${noteStep}`, [{ field: "note.stepId", message: "Not a step of this playbook" }]);
  }
  const who = actorOf(actor).name;
  if (patch.note) await repo.addNote(db, id, { stepId: noteStep, text: patch.note.text, who });
  if (patch.status !== undefined || patch.rootCauseId !== undefined) {
    await repo.updateInvestigation(db, id, { status: patch.status, rootCauseId: patch.rootCauseId }, who);
    logger.info({ investigationId: id, status: patch.status, rootCauseId: patch.rootCauseId }, "investigation updated");
  }
  return withHypotheses(await requireInvestigation(db, id));
}
