// Single sign-on identities: (issuer, subject) → local user. Only the OIDC sign-in reads or writes it.
import "server-only";
import type { Db } from "./database";

export interface IdentityRecord {
  issuer: string;
  subject: string;
  userId: string;
  createdAt: number;
  lastSignInAt: number;
}

export async function findIdentity(db: Db, issuer: string, subject: string): Promise<IdentityRecord | undefined> {
  const row = await db.selectFrom("user_identities").selectAll().where("issuer", "=", issuer).where("subject", "=", subject).executeTakeFirst();
  return row && { issuer: row.issuer, subject: row.subject, userId: row.user_id, createdAt: Number(row.created_at), lastSignInAt: Number(row.last_sign_in_at) };
}

export async function linkIdentity(db: Db, i: { issuer: string; subject: string; userId: string }, now = Date.now()): Promise<void> {
  await db.insertInto("user_identities").values({ issuer: i.issuer, subject: i.subject, user_id: i.userId, created_at: now, last_sign_in_at: now }).execute();
}

export async function touchIdentity(db: Db, issuer: string, subject: string, now = Date.now()): Promise<void> {
  await db.updateTable("user_identities").set({ last_sign_in_at: now }).where("issuer", "=", issuer).where("subject", "=", subject).execute();
}
