// Instance registry persistence. Passwords are sealed before they reach the database and only
// `loadConnectionConfig` ever opens them, for the Redis layer.
import "server-only";
import { randomUUID } from "node:crypto";
import type { Db } from "./database";
import type { InstancesTable } from "./schema";
import type { InstanceInputParsed, InstanceMode, InstancePatch, InstancePublic, TlsSettings } from "@/lib/api/schemas/instance";
import { open, seal } from "@/lib/security/secret-box";
import { registerSecret } from "@/lib/security/scrub";

export interface InstanceConnectionConfig {
  id: string;
  name: string;
  host: string;
  port: number;
  username?: string;
  password?: string;
  db: number;
  tls: TlsSettings;
  mode: InstanceMode;
  sentinelMaster?: string;
  renamedCommands: Record<string, string>;
  allowRemediation: boolean;
  /** Rule id → threshold for this instance (health and alerts use effectiveRules of it). */
  ruleOverrides?: Record<string, number>;
}

function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export function toPublic(row: InstancesTable): InstancePublic {
  const tls = parseJson<TlsSettings>(row.tls, { enabled: false, skipVerify: false });
  return {
    id: row.id,
    name: row.name,
    host: row.host,
    port: row.port,
    username: row.username,
    hasPassword: Boolean(row.password_sealed),
    db: row.db,
    tls: { enabled: tls.enabled, hasCa: Boolean(tls.ca), servername: tls.servername, skipVerify: tls.skipVerify },
    mode: row.mode as InstanceMode,
    sentinelMaster: row.sentinel_master,
    tags: parseJson(row.tags, {}),
    renamedCommands: parseJson(row.renamed_commands, {}),
    allowRemediation: row.allow_remediation === 1,
    ruleOverrides: parseJson(row.rule_overrides, {}),
    createdAt: new Date(Number(row.created_at)).toISOString(),
    updatedAt: new Date(Number(row.updated_at)).toISOString(),
  };
}

export class DuplicateNameError extends Error {
  constructor(name: string) {
    super(`An instance named "${name}" already exists`);
  }
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e?.code === "23505" || /UNIQUE constraint failed/.test(e?.message ?? "");
}

export async function createInstance(db: Db, key: Buffer, input: InstanceInputParsed): Promise<InstancePublic> {
  const now = Date.now();
  const row: InstancesTable = {
    id: randomUUID(),
    name: input.name,
    host: input.host,
    port: input.port,
    username: input.username || null,
    password_sealed: input.password ? seal(key, input.password) : null,
    db: input.db,
    mode: input.mode,
    sentinel_master: input.mode === "sentinel" ? (input.sentinelMaster ?? null) : null,
    tls: JSON.stringify(input.tls),
    tags: JSON.stringify(input.tags),
    renamed_commands: JSON.stringify(input.renamedCommands),
    allow_remediation: input.allowRemediation ? 1 : 0,
    rule_overrides: JSON.stringify(input.ruleOverrides ?? {}),
    created_at: now,
    updated_at: now,
  };
  try {
    await db.insertInto("instances").values(row).execute();
  } catch (err) {
    if (isUniqueViolation(err)) throw new DuplicateNameError(input.name);
    throw err;
  }
  return toPublic(row);
}

export async function listInstances(db: Db): Promise<InstancePublic[]> {
  const rows = await db.selectFrom("instances").selectAll().orderBy("name").execute();
  return rows.map(toPublic);
}

export async function getInstanceRow(db: Db, id: string): Promise<InstancesTable | undefined> {
  return db.selectFrom("instances").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function getInstance(db: Db, id: string): Promise<InstancePublic | undefined> {
  const row = await getInstanceRow(db, id);
  return row && toPublic(row);
}

export function toConnectionConfig(row: InstancesTable, key: Buffer): InstanceConnectionConfig {
  const password = row.password_sealed ? open(key, row.password_sealed) : undefined;
  registerSecret(password);
  return {
    id: row.id,
    name: row.name,
    host: row.host,
    port: row.port,
    username: row.username ?? undefined,
    password,
    db: row.db,
    tls: parseJson<TlsSettings>(row.tls, { enabled: false, skipVerify: false }),
    mode: row.mode as InstanceMode,
    sentinelMaster: row.sentinel_master ?? undefined,
    renamedCommands: parseJson(row.renamed_commands, {}),
    allowRemediation: row.allow_remediation === 1,
    ruleOverrides: parseJson(row.rule_overrides, {}),
  };
}

export async function loadConnectionConfig(db: Db, key: Buffer, id: string): Promise<InstanceConnectionConfig | undefined> {
  const row = await getInstanceRow(db, id);
  return row && toConnectionConfig(row, key);
}

export async function updateInstance(db: Db, key: Buffer, id: string, patch: InstancePatch): Promise<InstancePublic | undefined> {
  const current = await getInstanceRow(db, id);
  if (!current) return undefined;
  const next: Partial<InstancesTable> = { updated_at: Date.now() };
  if (patch.name !== undefined) next.name = patch.name;
  if (patch.host !== undefined) next.host = patch.host;
  if (patch.port !== undefined) next.port = patch.port;
  if (patch.username !== undefined) next.username = patch.username || null;
  if (patch.password !== undefined) next.password_sealed = patch.password ? seal(key, patch.password) : null;
  if (patch.db !== undefined) next.db = patch.db;
  if (patch.tls !== undefined) {
    // An edit that leaves the CA empty keeps the stored one: the form never receives it back.
    const old = parseJson<TlsSettings>(current.tls, { enabled: false, skipVerify: false });
    next.tls = JSON.stringify({ ...patch.tls, ca: patch.tls.ca || old.ca });
  }
  if (patch.mode !== undefined) next.mode = patch.mode;
  if (patch.sentinelMaster !== undefined) next.sentinel_master = patch.sentinelMaster;
  if (patch.tags !== undefined) next.tags = JSON.stringify(patch.tags);
  if (patch.renamedCommands !== undefined) next.renamed_commands = JSON.stringify(patch.renamedCommands);
  if (patch.allowRemediation !== undefined) next.allow_remediation = patch.allowRemediation ? 1 : 0;
  if (patch.ruleOverrides !== undefined) next.rule_overrides = JSON.stringify(patch.ruleOverrides);
  const mode = next.mode ?? current.mode;
  if (mode !== "sentinel") next.sentinel_master = null;
  try {
    await db.updateTable("instances").set(next).where("id", "=", id).execute();
  } catch (err) {
    if (isUniqueViolation(err)) throw new DuplicateNameError(patch.name ?? current.name);
    throw err;
  }
  return getInstance(db, id);
}

export async function deleteInstance(db: Db, id: string): Promise<boolean> {
  const res = await db.deleteFrom("instances").where("id", "=", id).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}
