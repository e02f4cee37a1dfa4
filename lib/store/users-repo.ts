// Local accounts: username, argon2 hash, role, and the failed-sign-in counters behind the lockout.
import "server-only";
import { randomUUID } from "node:crypto";
import type { Role } from "@/lib/security/roles";
import type { Db } from "./database";
import type { UsersTable } from "./schema";
import type { Selectable } from "kysely";

export interface UserRecord {
  id: string;
  username: string;
  passwordHash: string;
  role: Role;
  failedCount: number;
  failedSince: number | null;
  lockedUntil: number | null;
  createdAt: number;
}

export type UserPublic = Pick<UserRecord, "id" | "username" | "role" | "createdAt">;

/** A users row as selected (the generated failure count is always there once read). */
type Row = Selectable<UsersTable>;

function toRecord(r: Row): UserRecord {
  return {
    id: r.id,
    username: r.username,
    passwordHash: r.password_hash,
    role: r.role as Role,
    failedCount: Number(r.failed_count),
    failedSince: r.failed_since === null ? null : Number(r.failed_since),
    lockedUntil: r.locked_until === null ? null : Number(r.locked_until),
    createdAt: Number(r.created_at),
  };
}

export async function createUser(db: Db, input: { username: string; passwordHash: string; role: Role }, now = Date.now()): Promise<UserPublic> {
  const id = randomUUID();
  await db.insertInto("users").values({ id, username: input.username, password_hash: input.passwordHash, role: input.role, created_at: now }).execute();
  return { id, username: input.username, role: input.role, createdAt: now };
}

export async function findUserByName(db: Db, username: string): Promise<UserRecord | undefined> {
  const row = await db.selectFrom("users").selectAll().where("username", "=", username).executeTakeFirst();
  return row && toRecord(row);
}

export async function findUserById(db: Db, id: string): Promise<UserRecord | undefined> {
  const row = await db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
  return row && toRecord(row);
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db.selectFrom("users").select((eb) => eb.fn.countAll<number | string>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listUsers(db: Db): Promise<UserPublic[]> {
  const rows = await db.selectFrom("users").selectAll().orderBy("username").execute();
  return rows.map(toRecord).map(({ id, username, role, createdAt }) => ({ id, username, role, createdAt }));
}

/** Single sign-on keeps the provider's word on the role: it is set again on every sign-in. */
export async function setRole(db: Db, id: string, role: Role): Promise<void> {
  await db.updateTable("users").set({ role }).where("id", "=", id).execute();
}

/** Stores the failure counters computed by the lockout policy. */
export async function setFailures(db: Db, id: string, f: { failedCount: number; failedSince: number | null; lockedUntil: number | null }): Promise<void> {
  await db.updateTable("users").set({ failed_count: f.failedCount, failed_since: f.failedSince, locked_until: f.lockedUntil }).where("id", "=", id).execute();
}
