// Instance registry use cases behind the API routes: register, edit, delete, look up, fleet view.
import "server-only";
import { ApiError } from "@/lib/api/problem";
import type { InstanceInputParsed, InstancePatch, InstancePublic } from "@/lib/api/schemas/instance";
import { getStore } from "@/lib/store/get-store";
import * as repo from "@/lib/store/instances-repo";
import { getConnectionManager } from "@/lib/redis/connection-manager";
import { forgetHealth, getInstanceHealth } from "@/lib/metrics/health-service";
import { registryChanged } from "@/lib/metrics/sampler-registry";
import type { InstanceHealth } from "@/lib/metrics/instance-health";
import { logger } from "@/lib/log/logger";

async function guardDuplicate<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof repo.DuplicateNameError) throw new ApiError("conflict", err.message, [{ field: "name", message: err.message }]);
    throw err;
  }
}

export async function registerInstance(input: InstanceInputParsed): Promise<InstancePublic> {
  const { db, key } = await getStore();
  const instance = await guardDuplicate(() => repo.createInstance(db, key, input));
  logger.info({ instanceId: instance.id, name: instance.name, address: `${instance.host}:${instance.port}`, mode: instance.mode }, "instance registered");
  // Open both connections now: when maxclients is reached later, Redline is already in.
  const config = await repo.loadConnectionConfig(db, key, instance.id);
  if (config) getConnectionManager().forInstance(config).warm();
  registryChanged();
  return instance;
}

export async function requireInstance(id: string): Promise<InstancePublic> {
  const { db } = await getStore();
  const found = await repo.getInstance(db, id);
  if (!found) throw new ApiError("not_found", `No instance with id ${id}`);
  return found;
}

export async function requireConnectionConfig(id: string): Promise<repo.InstanceConnectionConfig> {
  const { db, key } = await getStore();
  const config = await repo.loadConnectionConfig(db, key, id);
  if (!config) throw new ApiError("not_found", `No instance with id ${id}`);
  return config;
}

export async function editInstance(id: string, patch: InstancePatch): Promise<InstancePublic> {
  const { db, key } = await getStore();
  const current = await requireConnectionConfig(id);
  if ((patch.mode ?? current.mode) === "sentinel" && !(patch.sentinelMaster ?? current.sentinelMaster)) {
    throw new ApiError("invalid_params", "Sentinel mode needs the master name", [{ field: "sentinelMaster", message: "Sentinel mode needs the master name" }]);
  }
  const updated = await guardDuplicate(() => repo.updateInstance(db, key, id, patch));
  if (!updated) throw new ApiError("not_found", `No instance with id ${id}`);
  forgetHealth(id);
  logger.info({ instanceId: id, fields: Object.keys(patch) }, "instance edited");
  const config = await repo.loadConnectionConfig(db, key, id);
  if (config) getConnectionManager().forInstance(config).warm();
  registryChanged();
  return updated;
}

export async function removeInstance(id: string): Promise<void> {
  const { db } = await getStore();
  if (!(await repo.deleteInstance(db, id))) throw new ApiError("not_found", `No instance with id ${id}`);
  getConnectionManager().remove(id);
  forgetHealth(id);
  registryChanged();
  logger.info({ instanceId: id }, "instance deleted");
}

export async function instanceHealth(id: string, fresh = false): Promise<InstanceHealth> {
  return getInstanceHealth(await requireConnectionConfig(id), { fresh });
}

/** A trimmed health for list views: no raw INFO per node. */
export type FleetHealth = Omit<InstanceHealth, "nodes"> & { nodes: Array<{ address: string; role: string; error?: InstanceHealth["nodes"][number]["error"] }> };

export function trimHealth(h: InstanceHealth): FleetHealth {
  return { ...h, nodes: h.nodes.map((n) => ({ address: n.node.address, role: n.node.role, error: n.error })) };
}

export interface FleetEntry {
  instance: InstancePublic;
  health: FleetHealth;
}

export async function fleet(): Promise<FleetEntry[]> {
  const { db, key } = await getStore();
  const rows = await db.selectFrom("instances").selectAll().orderBy("name").execute();
  return Promise.all(
    rows.map(async (row) => ({
      instance: repo.toPublic(row),
      health: trimHealth(await getInstanceHealth(repo.toConnectionConfig(row, key))),
    })),
  );
}
