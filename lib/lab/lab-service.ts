// The lab inside the Redline server (REDLINE_LAB=1): starts, stops and resets incident scenarios for
// drills and the demo, and registers their instances in Redline. Scenarios whose incident would shut
// Redline out (a full maxclients, an empty restart) are registered before the incident happens.
import "server-only";
import { readEnv } from "@/lib/config/env";
import { ApiError } from "@/lib/api/problem";
import { logger } from "@/lib/log/logger";
import { getStore } from "@/lib/store/get-store";
import { listInstances } from "@/lib/store/instances-repo";
import { editInstance, registerInstance, removeInstance } from "@/lib/instances/instance-service";
import { instanceInputSchema } from "@/lib/api/schemas/instance";
import { SCENARIOS, getScenario } from "./scenarios";
import type { RunningScenario, ScenarioInstance, ScenarioSize } from "./scenarios/scenario";

export type LabStatus = "stopped" | "starting" | "running" | "stopping" | "failed" | "unavailable";

export interface LabScenarioState {
  id: string;
  title: string;
  description: string;
  status: LabStatus;
  reason?: string;
  instances: Array<ScenarioInstance & { instanceId?: string }>;
  notes: string[];
  startedAt?: string;
}

interface Slot {
  status: LabStatus;
  reason?: string;
  running?: RunningScenario;
  instanceIds: string[];
  startedAt?: string;
  pending?: Promise<void>;
}

/** Options that let Redline connect before the incident shuts it out. */
const DRILL_OPTIONS: Record<string, Record<string, unknown>> = {
  "connection-exhaustion": { fillDelayMs: 4000 },
  "k8s-data-loss": { restartAfterMs: 20_000 },
};

const labKey = Symbol.for("redline.lab");
type WithLab = typeof globalThis & { [labKey]?: Map<string, Slot> };
function slots(): Map<string, Slot> {
  const g = globalThis as WithLab;
  return (g[labKey] ??= new Map());
}

export function labEnabled(): boolean {
  return readEnv().labEnabled;
}

function requireLab(): void {
  if (!labEnabled()) throw new ApiError("not_found", "The lab is not enabled on this server (REDLINE_LAB=1)");
}

function slotOf(id: string): Slot {
  let s = slots().get(id);
  if (!s) slots().set(id, (s = { status: "stopped", instanceIds: [] }));
  return s;
}

export async function listLab(): Promise<LabScenarioState[]> {
  requireLab();
  return Promise.all(
    SCENARIOS.map(async (sc) => {
      const slot = slotOf(sc.id);
      if (slot.status === "stopped" || slot.status === "unavailable") {
        const reason = await sc.unavailableReason();
        slot.status = reason ? "unavailable" : "stopped";
        slot.reason = reason ?? undefined;
      }
      const instances = (slot.running?.instances ?? []).map((inst, i) => ({ ...inst, instanceId: slot.instanceIds[i] }));
      return { id: sc.id, title: sc.title, description: sc.description, status: slot.status, reason: slot.reason, instances, notes: slot.running?.notes ?? [], startedAt: slot.startedAt };
    }),
  );
}

/** Registers (or re-points, after a reset on new ports) the scenario's instances in Redline. */
async function register(instances: ScenarioInstance[]): Promise<string[]> {
  const { db } = await getStore();
  const existing = await listInstances(db);
  const ids: string[] = [];
  for (const inst of instances) {
    const tags = { environment: "lab" };
    const found = existing.find((e) => e.name === inst.name);
    if (found) {
      await editInstance(found.id, { host: inst.host, port: inst.port, password: inst.password ?? null, mode: inst.mode, tags });
      ids.push(found.id);
    } else {
      const input = instanceInputSchema.parse({ name: inst.name, host: inst.host, port: inst.port, password: inst.password, mode: inst.mode, tags });
      ids.push((await registerInstance(input)).id);
    }
  }
  return ids;
}

export async function startLabScenario(id: string, size: ScenarioSize = "small"): Promise<void> {
  requireLab();
  const scenario = getScenario(id);
  if (!scenario) throw new ApiError("not_found", `No lab scenario named ${id}`);
  const slot = slotOf(id);
  if (slot.pending) await slot.pending.catch(() => {});
  if (slot.status === "running") return;
  const reason = await scenario.unavailableReason();
  if (reason) throw new ApiError("conflict", `${scenario.title} cannot run here: ${reason}`);
  slot.status = "starting";
  slot.reason = undefined;
  slot.pending = (async () => {
    try {
      // Registered as soon as the servers are up, so the fleet shows the incident as it unfolds.
      let early: Promise<string[]> | undefined;
      const onInstances = (instances: ScenarioInstance[]) => {
        early = register(instances);
        early.catch(() => {});
      };
      const running = await scenario.start({ size, onInstances, ...DRILL_OPTIONS[id] });
      slot.running = running;
      slot.instanceIds = await (early ?? register(running.instances));
      slot.status = "running";
      slot.startedAt = new Date().toISOString();
      logger.info({ scenario: id, instances: running.instances.map((i) => `${i.host}:${i.port}`) }, "lab scenario started");
    } catch (err) {
      slot.status = "failed";
      slot.reason = (err as Error).message;
      await slot.running?.stop().catch(() => {});
      slot.running = undefined;
      logger.error({ scenario: id, err: (err as Error).message }, "lab scenario failed to start");
      if (err instanceof ApiError) throw err;
      throw new ApiError("lab_failed", `${scenario.title} failed to start: ${(err as Error).message}`);
    }
  })().finally(() => (slot.pending = undefined));
  await slot.pending;
}

export async function stopLabScenario(id: string, opts: { keepRegistrations?: boolean } = {}): Promise<void> {
  requireLab();
  if (!getScenario(id)) throw new ApiError("not_found", `No lab scenario named ${id}`);
  const slot = slotOf(id);
  if (slot.pending) await slot.pending.catch(() => {});
  slot.status = "stopping";
  try {
    await slot.running?.stop();
    if (!opts.keepRegistrations) for (const instanceId of slot.instanceIds) await removeInstance(instanceId).catch(() => {});
  } finally {
    slot.running = undefined;
    slot.instanceIds = opts.keepRegistrations ? slot.instanceIds : [];
    slot.status = "stopped";
    slot.startedAt = undefined;
  }
}

export async function resetLabScenario(id: string, size: ScenarioSize = "small"): Promise<void> {
  await stopLabScenario(id, { keepRegistrations: true });
  await startLabScenario(id, size);
}
