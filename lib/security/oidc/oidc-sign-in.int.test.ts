// Single sign-on end to end over HTTP: a real OpenID Provider (oidc-provider, in-process on a free
// port) and Redline's start/callback routes called in-process. The browser is played by fetch and
// two cookie jars: start → provider authorization → dev login page → consent → callback → session
// cookie → /api/auth/me. Then: a changed claim changes the role, a tampered state, a replayed
// callback and a denied sign-in are refused, and the audit log holds every outcome.
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CookieJar } from "@/lib/testing/cookie-jar";
import { startTestProvider, type TestProvider } from "@/lib/testing/oidc-test-provider";
import { routeTestEnv, type Route } from "@/lib/testing/route-test-env";

const SITE = "http://redline.test";
const CALLBACK = `${SITE}/api/auth/oidc/callback`;
// REDLINE_OIDC_REDIRECT_URL stays unset: the callback URI is derived from the Host header.
const env = routeTestEnv("oidc", {
  REDLINE_OIDC_ISSUER: "",
  REDLINE_OIDC_CLIENT_ID: "redline-test",
  REDLINE_OIDC_CLIENT_SECRET: "",
  REDLINE_OIDC_SCOPES: "openid profile groups",
  REDLINE_OIDC_ADMIN_VALUES: "redis-admins",
  REDLINE_OIDC_RESPONDER_VALUES: "oncall, sre, carol",
  REDLINE_OIDC_ROLE_CLAIM: "",
  REDLINE_SAMPLER: "off",
});

let provider: TestProvider;
let routes: { start: Route; callback: Route; me: Route; audit: Route; logout: Route };

/** A request as the browser sends it to Redline: Host of the site, its cookies. */
function callRedline(route: Route, url: string, jar: CookieJar): Promise<Response> {
  const u = new URL(url, SITE);
  const headers = { host: u.host, cookie: jar.header() };
  return route(new NextRequest(`http://127.0.0.1${u.pathname}${u.search}`, { headers }), { params: Promise.resolve({}) });
}

/** Follows the provider's redirects and answers its dev login and consent pages, up to the redirect back to Redline. */
async function throughProvider(authUrl: string, jar: CookieJar, login: string): Promise<URL> {
  let url = authUrl;
  for (let hop = 0; hop < 12; hop++) {
    if (url.startsWith(SITE)) return new URL(url);
    let res = await fetch(url, { redirect: "manual", headers: { cookie: jar.header() } });
    jar.store(res);
    if (res.status === 200) {
      const html = await res.text();
      const action = /action="([^"]+)"/.exec(html)?.[1];
      const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
      expect(action, html.slice(0, 300)).toBeTruthy();
      const form: Record<string, string> = prompt === "login" ? { prompt, login, password: "any" } : { prompt: prompt ?? "consent" };
      res = await fetch(new URL(action!, url), { method: "POST", redirect: "manual", headers: { cookie: jar.header(), "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(form) });
      jar.store(res);
    }
    expect([302, 303], `${res.status} at ${url}`).toContain(res.status);
    url = new URL(res.headers.get("location")!, url).href;
  }
  throw new Error("Too many redirects at the provider");
}

/** Redline's /start for `next`; returns the provider's authorization URL. */
async function start(site: CookieJar, next = "/"): Promise<URL> {
  const res = await callRedline(routes.start, `/api/auth/oidc/start?next=${encodeURIComponent(next)}`, site);
  expect(res.status).toBe(303);
  site.store(res);
  return new URL(res.headers.get("location")!);
}

async function signIn(login: string, idp: CookieJar, next = "/") {
  const site = new CookieJar();
  const back = await throughProvider((await start(site, next)).href, idp, login);
  const res = await callRedline(routes.callback, back.href, site);
  site.store(res);
  return { res, site, back };
}

/** The sign-out button's request: a same-origin POST with the site's cookies. */
function signOut(site: CookieJar): Promise<Response> {
  const headers = { host: new URL(SITE).host, origin: SITE, cookie: site.header() };
  return routes.logout(new NextRequest("http://127.0.0.1/api/auth/logout", { method: "POST", headers }), { params: Promise.resolve({}) });
}

async function me(site: CookieJar) {
  const res = await callRedline(routes.me, "/api/auth/me", site);
  return { status: res.status, body: (await res.json()) as { user?: { name: string; role: string; via: string } } };
}

async function auditEntries(action: string) {
  const res = await env.call(routes.audit, `/api/audit?action=${action}`);
  return ((await res.json()) as { entries: Array<{ actor: string; action: string; detail: Record<string, unknown> }> }).entries;
}

describe("OIDC single sign-on against a local oidc-provider", () => {
  beforeAll(async () => {
    provider = await startTestProvider({ redirectUri: CALLBACK });
    process.env.REDLINE_OIDC_ISSUER = provider.issuer;
    process.env.REDLINE_OIDC_CLIENT_SECRET = provider.clientSecret;
    routes = {
      start: (await import("@/app/api/auth/oidc/start/route")).GET as Route,
      callback: (await import("@/app/api/auth/oidc/callback/route")).GET as Route,
      me: (await import("@/app/api/auth/me/route")).GET as Route,
      audit: (await import("@/app/api/audit/route")).GET as Route,
      logout: (await import("@/app/api/auth/logout/route")).POST as Route,
    };
  });

  afterAll(async () => {
    await provider?.close();
    await env.teardown();
  });

  const idp = new CookieJar();

  it("starts with PKCE S256, state and nonce, kept in a sealed httpOnly cookie; no secret in the URL", async () => {
    const site = new CookieJar();
    const res = await callRedline(routes.start, "/api/auth/oidc/start?next=/fleet", site);
    expect(res.status).toBe(303);
    const url = new URL(res.headers.get("location")!);
    expect(url.origin).toBe(provider.issuer);
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("code_challenge")).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get("state")).toBeTruthy();
    expect(url.searchParams.get("nonce")).toBeTruthy();
    expect(url.searchParams.get("redirect_uri")).toBe(CALLBACK);
    expect(url.searchParams.get("scope")).toBe("openid profile groups");
    expect(url.href).not.toContain(provider.clientSecret);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("redline_oidc="))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Max-Age=600/);
    expect(cookie).not.toContain(url.searchParams.get("state")!);
  });

  it("signs in through login and consent, maps the groups claim to admin, and lands on `next`", async () => {
    provider.groups.alice = ["devs", "redis-admins"];
    const { res, site } = await signIn("alice", idp, "/instances?tab=health");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/instances?tab=health");
    const session = res.headers.getSetCookie().find((c) => c.startsWith("redline_session="))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    expect(site.get("redline_oidc")).toBeUndefined();
    const who = await me(site);
    expect(who.status).toBe(200);
    expect(who.body.user).toMatchObject({ name: "oidc:alice", role: "admin", via: "session" });
  });

  it("updates the role from the claim on the next sign-in (provider session reused, same local user)", async () => {
    provider.groups.alice = ["oncall"];
    const { res, site } = await signIn("alice", idp);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/");
    expect((await me(site)).body.user).toMatchObject({ name: "oidc:alice", role: "responder" });
    provider.groups.alice = [];
    const again = await signIn("alice", idp);
    expect((await me(again.site)).body.user).toMatchObject({ name: "oidc:alice", role: "viewer" });
    // The earlier session follows the user's role: a downgrade takes effect at once.
    expect((await me(site)).body.user?.role).toBe("viewer");
  });

  it("gives a second identity with the same preferred_username its own collision-safe account", async () => {
    provider.usernames["alice-2"] = "alice";
    provider.groups["alice-2"] = ["sre"];
    const { site } = await signIn("alice-2", new CookieJar());
    expect((await me(site)).body.user).toMatchObject({ name: expect.stringMatching(/^oidc:alice~[0-9a-f]{10}$/), role: "responder" });
  });

  it("reads the role claim from the ID token alone when it is there (no UserInfo request)", async () => {
    // `sub` is always in the ID token; profile claims are not (the provider keeps them for UserInfo),
    // so the name falls back to the subject: proof that UserInfo was not consulted.
    process.env.REDLINE_OIDC_ROLE_CLAIM = "sub";
    provider.usernames.carol = "carol-from-userinfo";
    try {
      const { site } = await signIn("carol", new CookieJar());
      expect((await me(site)).body.user).toMatchObject({ name: "oidc:carol", role: "responder" });
    } finally {
      delete process.env.REDLINE_OIDC_ROLE_CLAIM;
    }
  });

  it("refuses a tampered state: back to /login?error=oidc_state, no session", async () => {
    const site = new CookieJar();
    const back = await throughProvider((await start(site)).href, idp, "alice");
    back.searchParams.set("state", `${back.searchParams.get("state")}x`);
    const res = await callRedline(routes.callback, back.href, site);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/login?error=oidc_state");
    expect(res.headers.getSetCookie().some((c) => c.startsWith("redline_session="))).toBe(false);
    site.store(res);
    expect((await me(site)).status).toBe(401);
  });

  it("refuses a callback without the attempt cookie, and a replayed code", async () => {
    const { back, res } = await signIn("alice", idp);
    expect(res.status).toBe(303);
    // Another browser (no cookie) presenting the same callback URL:
    const stranger = await callRedline(routes.callback, back.href, new CookieJar());
    expect(stranger.headers.get("location")).toBe("/login?error=oidc_state");
    // The same browser replaying it with the attempt cookie it had: the code is single-use.
    const site = new CookieJar();
    const back2 = await throughProvider((await start(site)).href, idp, "alice");
    const attempt = site.get("redline_oidc")!;
    expect((await callRedline(routes.callback, back2.href, site)).status).toBe(303);
    const replayJar = new CookieJar();
    replayJar.store(new Response(null, { headers: { "set-cookie": `redline_oidc=${attempt}` } }));
    const replay = await callRedline(routes.callback, back2.href, replayJar);
    expect(replay.headers.get("location")).toBe("/login?error=oidc_failed");
  });

  it("reports a provider's error answer as oidc_denied", async () => {
    const site = new CookieJar();
    const auth = await start(site);
    const res = await callRedline(routes.callback, `${CALLBACK}?error=access_denied&state=${auth.searchParams.get("state")}`, site);
    expect(res.headers.get("location")).toBe("/login?error=oidc_denied");
  });

  it("writes sign-ins and refusals to the audit log, without tokens or the client secret", async () => {
    const signIns = (await auditEntries("auth.sign-in")).filter((e) => e.detail.via === "oidc");
    expect(signIns.length).toBeGreaterThanOrEqual(5);
    const first = signIns.at(-1)!;
    expect(first).toMatchObject({ actor: "oidc:alice", detail: { via: "oidc", issuer: provider.issuer, subject: "alice", role: "admin", created: true } });
    expect(signIns.some((e) => e.detail.previousRole === "admin" && e.detail.role === "responder")).toBe(true);
    const failed = (await auditEntries("auth.sign-in-failed")).filter((e) => e.detail.via === "oidc");
    expect(failed.map((e) => e.detail.reason)).toEqual(expect.arrayContaining(["oidc_state", "oidc_failed", "oidc_denied"]));
    const all = JSON.stringify([...signIns, ...failed]);
    expect(all).not.toContain(provider.clientSecret);
    expect(all).not.toMatch(/eyJ[\w-]+\.[\w-]+\./); // no JWT
  });

  it("signing out also ends the provider session (RP-initiated logout) and comes back to /login", async () => {
    const browser = new CookieJar();
    const { site } = await signIn("dana", browser);
    expect((await me(site)).status).toBe(200);
    const res = await signOut(site);
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie")).toMatch(/Max-Age=0/i);
    const { redirect } = (await res.json()) as { redirect: string };
    const end = new URL(redirect);
    expect(`${end.origin}${end.pathname}`).toBe(`${provider.issuer}/session/end`);
    expect(end.searchParams.get("post_logout_redirect_uri")).toBe(`${SITE}/login`);
    expect(end.searchParams.get("id_token_hint")).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect((await me(site)).status).toBe(401);

    // The provider asks for confirmation, then sends the browser back to Redline's sign-in page.
    const page = await fetch(end, { headers: { cookie: browser.header() } });
    browser.store(page);
    const html = await page.text();
    const action = /action="([^"]+)"/.exec(html)?.[1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
    expect(action && xsrf, html.slice(0, 300)).toBeTruthy();
    const confirmed = await fetch(new URL(action!, end), {
      method: "POST",
      redirect: "manual",
      headers: { cookie: browser.header(), "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ xsrf: xsrf!, logout: "yes" }),
    });
    browser.store(confirmed);
    expect([302, 303]).toContain(confirmed.status);
    expect(confirmed.headers.get("location")).toBe(`${SITE}/login`);

    // The provider session is gone: the next sign-in asks for the login again (throughProvider answers it).
    const again = await fetch((await start(new CookieJar())).href, { redirect: "manual", headers: { cookie: browser.header() } });
    browser.store(again);
    const interaction = await fetch(new URL(again.headers.get("location")!, provider.issuer), { headers: { cookie: browser.header() } });
    expect(await interaction.text()).toMatch(/name="prompt" value="login"/);
  });

  it("a password session signs out with 204 and no provider redirect", async () => {
    const res = await signOut(new CookieJar());
    expect(res.status).toBe(204);
  });

  it("cannot be used as a local password account", async () => {
    const { getStore } = await import("@/lib/store/get-store");
    const { login } = await import("@/lib/security/login");
    const { RateLimiter } = await import("@/lib/security/rate-limiter");
    const { db } = await getStore();
    const result = await login(db, { username: "oidc:alice", password: "!oidc", ip: "203.0.113.9" }, { limiter: new RateLimiter({ limit: 100, windowMs: 60_000 }) });
    expect(result.ok).toBe(false);
  });

  it("sends the browser back to /login when the provider is unreachable or OIDC is off", async () => {
    process.env.REDLINE_OIDC_ISSUER = "http://127.0.0.1:9"; // discard port: nothing listens
    const down = await callRedline(routes.start, "/api/auth/oidc/start?next=/fleet", new CookieJar());
    expect(down.headers.get("location")).toBe("/login?error=oidc_unavailable&next=%2Ffleet");
    delete process.env.REDLINE_OIDC_ISSUER;
    const off = await callRedline(routes.start, "/api/auth/oidc/start", new CookieJar());
    expect(off.headers.get("location")).toBe("/login?error=oidc_not_configured");
    process.env.REDLINE_OIDC_ISSUER = provider.issuer;
  });
});
