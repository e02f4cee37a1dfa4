// Users, sessions, API tokens, the audit log and the sign-in lockout on both store backends.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STORE_BACKENDS, type OpenedStore } from "@/lib/testing/store-targets";
import { createUser, findUserByName } from "@/lib/store/users-repo";
import { appendAudit, queryAudit } from "@/lib/store/audit-repo";
import * as auditRepo from "@/lib/store/audit-repo";
import { createApiToken, listApiTokens, revokeApiToken } from "./api-tokens";
import { callerFromSession, callerFromToken } from "./resolve-caller";
import { ensureFirstAdmin } from "./first-start";
import { hashPassword } from "./password";
import { login } from "./login";
import { RateLimiter } from "./rate-limiter";
import { LOCK_MS } from "./lockout";
import { sha256 } from "./secret-tokens";

describe.each(STORE_BACKENDS)("auth store on %s", (_name, open) => {
  let store: OpenedStore;
  const limiter = () => new RateLimiter({ limit: 1000, windowMs: 60_000 });

  beforeAll(async () => {
    store = await open();
    await createUser(store.db, { username: "vera", passwordHash: await hashPassword("correct horse battery"), role: "viewer" });
  });
  afterAll(async () => {
    await store?.cleanup();
  });

  it("creates the first admin once, with a generated password when none is configured", async () => {
    const generated = await ensureFirstAdmin(store.db, undefined);
    // vera exists already: no admin is created behind the operator's back.
    expect(generated).toBeUndefined();
    expect(await findUserByName(store.db, "admin")).toBeUndefined();
  });

  it("signs in with the right password, and the session resolves to the user", async () => {
    const res = await login(store.db, { username: "vera", password: "correct horse battery", ip: "10.0.0.1" }, { limiter: limiter() });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.user.role).toBe("viewer");
    const rows = await store.db.selectFrom("sessions").selectAll().execute();
    // Only the hash is stored.
    expect(rows.map((r) => r.token_hash)).toContain(sha256(res.token));
    expect(JSON.stringify(rows)).not.toContain(res.token);
    expect(await callerFromSession(store.db, res.token)).toMatchObject({ name: "vera", role: "viewer", via: "session" });
    expect(await callerFromSession(store.db, res.token, res.expiresAt)).toBeUndefined();
    expect(await callerFromSession(store.db, "forged")).toBeUndefined();
  });

  it("locks an account after five failures in 15 minutes, even for the right password", async () => {
    await createUser(store.db, { username: "lock-me", passwordHash: await hashPassword("right password 1"), role: "responder" });
    const t0 = 1_700_000_000_000;
    for (let i = 0; i < 5; i++) {
      const r = await login(store.db, { username: "lock-me", password: "wrong", ip: "10.0.0.2" }, { now: t0 + i, limiter: limiter() });
      expect(r).toEqual({ ok: false, reason: "invalid" });
    }
    const locked = await login(store.db, { username: "lock-me", password: "right password 1", ip: "10.0.0.2" }, { now: t0 + 10, limiter: limiter() });
    expect(locked.ok).toBe(false);
    expect(!locked.ok && locked.reason).toBe("locked");
    const later = await login(store.db, { username: "lock-me", password: "right password 1", ip: "10.0.0.2" }, { now: t0 + 4 + LOCK_MS, limiter: limiter() });
    expect(later.ok).toBe(true);
  });

  it("rate-limits one address across usernames", async () => {
    const rl = new RateLimiter({ limit: 2, windowMs: 60_000 });
    await login(store.db, { username: "nobody1", password: "x", ip: "10.9.9.9" }, { limiter: rl });
    await login(store.db, { username: "nobody2", password: "x", ip: "10.9.9.9" }, { limiter: rl });
    const third = await login(store.db, { username: "vera", password: "correct horse battery", ip: "10.9.9.9" }, { limiter: rl });
    expect(!third.ok && third.reason).toBe("rate_limited");
  });

  it("creates, resolves, lists and revokes API tokens, storing only their hash", async () => {
    const { token, info } = await createApiToken(store.db, { role: "responder", expiresInDays: 1, name: "ci", createdBy: "admin" });
    expect(token).toMatch(/^rl_/);
    expect(await callerFromToken(store.db, token, undefined)).toMatchObject({ name: "token:ci", role: "responder", via: "token" });
    const raw = await store.db.selectFrom("api_tokens").selectAll().execute();
    expect(JSON.stringify(raw)).not.toContain(token);
    expect((await listApiTokens(store.db)).find((t) => t.id === info.id)?.lastUsedAt).not.toBeNull();
    // Expired a day later.
    expect(await callerFromToken(store.db, token, undefined, info.expiresAt)).toBeUndefined();
    expect(await revokeApiToken(store.db, info.id)).toBe(true);
    expect(await revokeApiToken(store.db, info.id)).toBe(false);
    expect(await callerFromToken(store.db, token, undefined)).toBeUndefined();
  });

  it("accepts the bootstrap token as admin, and nothing else that is not a token", async () => {
    expect(await callerFromToken(store.db, "boot-strap-secret", "boot-strap-secret")).toMatchObject({ role: "admin", via: "bootstrap" });
    expect(await callerFromToken(store.db, "boot-strap-secreT", "boot-strap-secret")).toBeUndefined();
    expect(await callerFromToken(store.db, "anything", undefined)).toBeUndefined();
  });

  it("audits sign-ins and failures, filterable by action prefix, actor and instance; append-only", async () => {
    await appendAudit(store.db, { actor: "ops", action: "instance.create", instanceId: "i-1", detail: { name: "cache" } });
    const signIns = await queryAudit(store.db, { action: "auth.sign-in" });
    expect(signIns.some((e) => e.actor === "vera")).toBe(true);
    const failures = await queryAudit(store.db, { action: "auth.sign-in-failed", actor: "lock-me" });
    expect(failures.length).toBeGreaterThanOrEqual(6);
    expect((await queryAudit(store.db, { action: "auth." })).length).toBeGreaterThan(signIns.length);
    expect(await queryAudit(store.db, { instanceId: "i-1" })).toEqual([expect.objectContaining({ actor: "ops", action: "instance.create", detail: { name: "cache" } })]);
    expect(Object.keys(auditRepo).sort()).toEqual(["appendAudit", "queryAudit"]);
  });
});

describe.each(STORE_BACKENDS)("first start on %s", (_name, open) => {
  it("creates `admin` with the configured password, once", async () => {
    const store = await open();
    try {
      expect(await ensureFirstAdmin(store.db, "configured-admin-pw")).toBeUndefined();
      expect(await login(store.db, { username: "admin", password: "configured-admin-pw", ip: "x" }, { limiter: new RateLimiter({ limit: 9, windowMs: 1 }) })).toMatchObject({ ok: true });
      expect(await ensureFirstAdmin(store.db, "another")).toBeUndefined();
      const generated = await (async () => {
        const other = await open();
        try {
          return await ensureFirstAdmin(other.db, undefined);
        } finally {
          await other.cleanup();
        }
      })();
      expect(generated).toMatch(/^[A-Za-z0-9_-]{24}$/);
    } finally {
      await store.cleanup();
    }
  });
});
