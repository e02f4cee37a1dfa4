// The permission matrix, walked over every route file: no credentials → 401 (except the public
// sign-in routes), a viewer → 403 on every mutating handler (the probe runs let a viewer in for O(1)
// probes only, so they are walked with a scanning probe), a responder → 403 on every admin handler.
// Checks run before parameters are parsed, so fake ids suffice and no Redis is needed. Requests carry
// a Host header: NextRequest rewrites 127.0.0.1 to localhost in its URL, a browser's Host does not.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXPECTED_ROLES, METHODS, routeFiles } from "@/lib/testing/api-routes";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "redline-route-walk-"));
const ENV = { REDLINE_DATA_DIR: dataDir, REDLINE_SAMPLER: "off", REDLINE_BOOTSTRAP_TOKEN: "route-walk-bootstrap-0123456789", REDLINE_ADMIN_PASSWORD: "route-walk-admin-pw" };
const savedEnv = Object.fromEntries(Object.keys(ENV).map((k) => [k, process.env[k]]));
Object.assign(process.env, ENV);

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const ID = "00000000-0000-4000-8000-000000000000";
const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Fills [segments] with plausible values; the probe id is a scanning probe (bigkeys). */
function fill(url: string): { url: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  const filled = url.replace(/\[(\w+)\]/g, (_m, name: string) => {
    const v = name === "probeId" ? "bigkeys" : name === "scenarioId" ? "healthy" : name === "action" ? "start" : name === "stepId" ? "step-1" : ID;
    params[name] = v;
    return v;
  });
  return { url: filled, params };
}

const handlers: Array<{ key: string; method: string; handler: Handler; url: string; params: Record<string, string> }> = [];
const tokens: Record<"viewer" | "responder", string> = { viewer: "", responder: "" };

async function call(h: (typeof handlers)[number], headers: Record<string, string>) {
  const init: RequestInit = { method: h.method, headers: { "content-type": "application/json", origin: "http://127.0.0.1", host: "127.0.0.1", ...headers } };
  if (h.method !== "GET") init.body = "{}";
  return h.handler(new NextRequest(`http://127.0.0.1${h.url}`, init as ConstructorParameters<typeof NextRequest>[1]), { params: Promise.resolve(h.params) });
}

describe("route walk: the permission matrix", () => {
  beforeAll(async () => {
    for (const { file, url } of routeFiles()) {
      const mod = (await import(file)) as Record<string, Handler>;
      for (const m of METHODS) if (mod[m]) handlers.push({ key: `${m} ${url}`, method: m, handler: mod[m], ...fill(url) });
    }
    const { getStore } = await import("@/lib/store/get-store");
    const { createApiToken } = await import("@/lib/security/api-tokens");
    const { db } = await getStore();
    tokens.viewer = (await createApiToken(db, { role: "viewer", expiresInDays: 1, createdBy: "test" })).token;
    tokens.responder = (await createApiToken(db, { role: "responder", expiresInDays: 1, createdBy: "test" })).token;
  });

  afterAll(() => {
    for (const [k, v] of Object.entries(savedEnv)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("walks every handler in the role table", () => {
    expect(handlers.map((h) => h.key).sort()).toEqual(Object.keys(EXPECTED_ROLES).sort());
  });

  it("answers 401 without credentials, except the public sign-in routes", async () => {
    for (const h of handlers) {
      const res = await call(h, {});
      if (EXPECTED_ROLES[h.key] === "public") expect(res.status, h.key).not.toBe(401);
      else expect(res.status, h.key).toBe(401);
    }
  });

  it("answers 401 for an unknown or malformed token and a forged cookie", async () => {
    const h = handlers.find((x) => x.key === "GET /api/instances")!;
    expect((await call(h, { authorization: "Bearer rl_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" })).status).toBe(401);
    expect((await call(h, { authorization: "Bearer nonsense" })).status).toBe(401);
    expect((await call(h, { cookie: "redline_session=forged" })).status).toBe(401);
  });

  it("refuses a viewer every mutating handler", async () => {
    for (const h of handlers.filter((x) => MUTATING.has(x.method) && EXPECTED_ROLES[x.key] !== "public")) {
      const res = await call(h, { authorization: `Bearer ${tokens.viewer}` });
      expect(res.status, h.key).toBe(403);
      expect((await res.json()).code, h.key).toBe("forbidden");
    }
  });

  it("refuses a responder every admin handler", async () => {
    for (const h of handlers.filter((x) => EXPECTED_ROLES[x.key] === "admin")) {
      const res = await call(h, { authorization: `Bearer ${tokens.responder}` });
      expect(res.status, h.key).toBe(403);
    }
  });

  it("lets a viewer read: every GET handler is past the auth check (not 401/403)", async () => {
    for (const h of handlers.filter((x) => x.method === "GET" && EXPECTED_ROLES[x.key] === "viewer")) {
      const res = await call(h, { authorization: `Bearer ${tokens.viewer}` });
      expect([401, 403], h.key).not.toContain(res.status);
    }
  });

  it("signs in, refuses a cross-site mutating request with the cookie, signs out", async () => {
    const find = (k: string) => handlers.find((x) => x.key === k)!;
    const login = find("POST /api/auth/login");
    const req = (body: unknown, headers: Record<string, string>) =>
      login.handler(new NextRequest("http://127.0.0.1/api/auth/login", { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json", host: "127.0.0.1", ...headers } }), { params: Promise.resolve({}) });
    expect((await req({ username: "admin", password: "wrong" }, { origin: "http://127.0.0.1" })).status).toBe(401);
    // Login CSRF: a sign-in posted from another site is refused.
    expect((await req({ username: "admin", password: ENV.REDLINE_ADMIN_PASSWORD }, { origin: "http://evil.example" })).status).toBe(403);
    const ok = await req({ username: "admin", password: ENV.REDLINE_ADMIN_PASSWORD }, { origin: "http://127.0.0.1" });
    expect(ok.status).toBe(200);
    const setCookie = ok.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const cookie = setCookie.split(";")[0];
    const me = await call(find("GET /api/auth/me"), { cookie });
    expect((await me.json()).user).toMatchObject({ name: "admin", role: "admin", via: "session" });
    const create = find("POST /api/tokens");
    const cross = await create.handler(
      new NextRequest("http://127.0.0.1/api/tokens", { method: "POST", body: JSON.stringify({ role: "viewer", expiresInDays: 1 }), headers: { cookie, host: "127.0.0.1", origin: "http://evil.example", "content-type": "application/json" } }),
      { params: Promise.resolve({}) },
    );
    expect(cross.status).toBe(403);
    const noOrigin = await create.handler(new NextRequest("http://127.0.0.1/api/tokens", { method: "POST", body: "{}", headers: { cookie } }), { params: Promise.resolve({}) });
    expect(noOrigin.status).toBe(403);
    const same = await create.handler(
      new NextRequest("http://127.0.0.1/api/tokens", { method: "POST", body: JSON.stringify({ role: "viewer", expiresInDays: 1 }), headers: { cookie, host: "127.0.0.1", origin: "http://127.0.0.1", "content-type": "application/json" } }),
      { params: Promise.resolve({}) },
    );
    expect(same.status).toBe(201);
    expect((await same.json()).token).toMatch(/^rl_/);
    const out = await call(find("POST /api/auth/logout"), { cookie });
    expect(out.status).toBe(204);
    expect((await call(find("GET /api/auth/me"), { cookie })).status).toBe(401);
    const audit = await call(find("GET /api/audit"), { authorization: `Bearer ${ENV.REDLINE_BOOTSTRAP_TOKEN}` });
    const actions = ((await audit.json()).entries as Array<{ action: string }>).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["auth.sign-in", "auth.sign-in-failed", "auth.sign-out", "token.create"]));
    // Errors never echo a secret: nothing in the audit answer contains the bootstrap token.
    expect(JSON.stringify(actions)).not.toContain(ENV.REDLINE_BOOTSTRAP_TOKEN);
  });
});
