// API tokens for automation: role, expiry, revocation. Only the sha256 of a token is stored.
import "server-only";
import { randomUUID } from "node:crypto";
import type { Role } from "@/lib/security/roles";
import type { Db } from "./database";
import type { ApiTokensTable } from "./schema";

export interface ApiTokenInfo {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  createdBy: string;
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
  lastUsedAt: number | null;
}

/** A token as listed: every column but the hash. */
type Row = Omit<ApiTokensTable, "token_hash">;

const num = (v: number | null) => (v === null ? null : Number(v));

function toInfo(r: Row): ApiTokenInfo {
  return {
    id: r.id,
    name: r.name,
    role: r.role as Role,
    prefix: r.prefix,
    createdBy: r.created_by,
    createdAt: Number(r.created_at),
    expiresAt: Number(r.expires_at),
    revokedAt: num(r.revoked_at),
    lastUsedAt: num(r.last_used_at),
  };
}

const COLUMNS = ["id", "name", "role", "prefix", "created_by", "created_at", "expires_at", "revoked_at", "last_used_at"] as const;

export async function insertApiToken(
  db: Db,
  t: { name: string; role: Role; tokenHash: string; prefix: string; createdBy: string; expiresAt: number },
  now = Date.now(),
): Promise<ApiTokenInfo> {
  const id = randomUUID();
  await db
    .insertInto("api_tokens")
    .values({ id, name: t.name, role: t.role, token_hash: t.tokenHash, prefix: t.prefix, created_by: t.createdBy, created_at: now, expires_at: t.expiresAt })
    .execute();
  return { id, name: t.name, role: t.role, prefix: t.prefix, createdBy: t.createdBy, createdAt: now, expiresAt: t.expiresAt, revokedAt: null, lastUsedAt: null };
}

/** A live token (not revoked, not expired) by its hash. */
export async function findLiveApiToken(db: Db, tokenHash: string, now = Date.now()): Promise<ApiTokenInfo | undefined> {
  const row = await db
    .selectFrom("api_tokens")
    .select(COLUMNS)
    .where("token_hash", "=", tokenHash)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  return row && toInfo(row);
}

export async function listApiTokens(db: Db): Promise<ApiTokenInfo[]> {
  const rows = await db.selectFrom("api_tokens").select(COLUMNS).orderBy("created_at", "desc").execute();
  return rows.map(toInfo);
}

/** True when a live token was revoked now; false when unknown or already revoked. */
export async function revokeApiToken(db: Db, id: string, now = Date.now()): Promise<boolean> {
  const res = await db.updateTable("api_tokens").set({ revoked_at: now }).where("id", "=", id).where("revoked_at", "is", null).executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export async function touchApiToken(db: Db, id: string, now = Date.now()): Promise<void> {
  await db.updateTable("api_tokens").set({ last_used_at: now }).where("id", "=", id).execute();
}
