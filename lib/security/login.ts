// Sign-in: per-address rate limit, per-user lockout, argon2 verification, a new session. Every
// outcome is audited; the answer never says whether the username exists.
import "server-only";
import type { Db } from "@/lib/store/database";
import { findUserByName, setFailures } from "@/lib/store/users-repo";
import { createSession, deleteExpiredSessions } from "@/lib/store/sessions-repo";
import { appendAudit } from "@/lib/store/audit-repo";
import { burnVerify, verifyPassword } from "./password";
import { RateLimiter } from "./rate-limiter";
import { afterFailure, CLEARED, isLocked } from "./lockout";
import { newSessionToken, sha256 } from "./secret-tokens";
import { SESSION_TTL_MS } from "./session-cookie";
import type { Role } from "./roles";

export type LoginResult =
  | { ok: true; token: string; user: { id: string; username: string; role: Role }; expiresAt: number }
  | { ok: false; reason: "invalid" | "locked" | "rate_limited"; retryAfterMs?: number };

// 20 attempts per address per 15 minutes: enough for people behind one NAT, too few to guess.
const limiterKey = Symbol.for("redline.login-limiter");
type WithLimiter = typeof globalThis & { [limiterKey]?: RateLimiter };
export function ipLimiter(): RateLimiter {
  const g = globalThis as WithLimiter;
  return (g[limiterKey] ??= new RateLimiter({ limit: 20, windowMs: 15 * 60_000 }));
}

/** A new session for a user who has just proved who they are (password or single sign-on). */
export async function startSession(db: Db, userId: string, now = Date.now(), opts: { oidcIdTokenSealed?: string } = {}): Promise<{ token: string; expiresAt: number }> {
  await deleteExpiredSessions(db, now);
  const token = newSessionToken();
  const expiresAt = now + SESSION_TTL_MS;
  await createSession(db, { tokenHash: sha256(token), userId, expiresAt, oidcIdTokenSealed: opts.oidcIdTokenSealed }, now);
  return { token, expiresAt };
}

export async function login(
  db: Db,
  input: { username: string; password: string; ip: string },
  opts: { now?: number; limiter?: RateLimiter } = {},
): Promise<LoginResult> {
  const now = opts.now ?? Date.now();
  const limiter = opts.limiter ?? ipLimiter();
  const wait = limiter.retryAfter(input.ip);
  if (wait > 0) {
    await appendAudit(db, { actor: input.username, action: "auth.sign-in-failed", instanceId: null, detail: { ip: input.ip, reason: "rate_limited" } }, now);
    return { ok: false, reason: "rate_limited", retryAfterMs: wait };
  }
  limiter.hit(input.ip);

  const user = await findUserByName(db, input.username);
  if (!user) {
    await burnVerify(input.password);
    await appendAudit(db, { actor: input.username, action: "auth.sign-in-failed", instanceId: null, detail: { ip: input.ip, reason: "invalid" } }, now);
    return { ok: false, reason: "invalid" };
  }
  if (isLocked(user, now)) {
    await appendAudit(db, { actor: user.username, action: "auth.sign-in-failed", instanceId: null, detail: { ip: input.ip, reason: "locked" } }, now);
    return { ok: false, reason: "locked", retryAfterMs: (user.lockedUntil ?? now) - now };
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    const next = afterFailure(user, now);
    await setFailures(db, user.id, next);
    await appendAudit(db, { actor: user.username, action: "auth.sign-in-failed", instanceId: null, detail: { ip: input.ip, reason: next.lockedUntil ? "locked-now" : "invalid" } }, now);
    return { ok: false, reason: "invalid" };
  }

  await setFailures(db, user.id, CLEARED);
  limiter.reset(input.ip);
  const { token, expiresAt } = await startSession(db, user.id, now);
  await appendAudit(db, { actor: user.username, action: "auth.sign-in", instanceId: null, detail: { ip: input.ip } }, now);
  return { ok: true, token, user: { id: user.id, username: user.username, role: user.role }, expiresAt };
}
