// Sign-in sessions, keyed by the sha256 of the cookie value (the value itself is never stored).
import "server-only";
import type { Role } from "@/lib/security/roles";
import type { Db } from "./database";

export interface SessionUser {
  userId: string;
  username: string;
  role: Role;
  expiresAt: number;
}

export async function createSession(db: Db, s: { tokenHash: string; userId: string; expiresAt: number; oidcIdTokenSealed?: string }, now = Date.now()): Promise<void> {
  await db
    .insertInto("sessions")
    .values({ token_hash: s.tokenHash, user_id: s.userId, created_at: now, expires_at: s.expiresAt, oidc_id_token: s.oidcIdTokenSealed ?? null })
    .execute();
}

/** The session's user, or undefined when it is unknown or expired. */
export async function findSession(db: Db, tokenHash: string, now = Date.now()): Promise<SessionUser | undefined> {
  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select(["users.id as userId", "users.username as username", "users.role as role", "sessions.expires_at as expiresAt"])
    .where("sessions.token_hash", "=", tokenHash)
    .where("sessions.expires_at", ">", now)
    .executeTakeFirst();
  return row && { userId: row.userId, username: row.username, role: row.role as Role, expiresAt: Number(row.expiresAt) };
}

/** Ends the session; returns its sealed ID token when it came from single sign-on. */
export async function deleteSession(db: Db, tokenHash: string): Promise<{ oidcIdTokenSealed: string | null } | undefined> {
  const row = await db.deleteFrom("sessions").where("token_hash", "=", tokenHash).returning("oidc_id_token").executeTakeFirst();
  return row && { oidcIdTokenSealed: row.oidc_id_token ?? null };
}

/** Housekeeping on sign-in, so that expired rows do not pile up. */
export async function deleteExpiredSessions(db: Db, now = Date.now()): Promise<void> {
  await db.deleteFrom("sessions").where("expires_at", "<=", now).execute();
}
