// Single sign-on in a real browser: Redline's production build started by this spec on a free port
// with the OIDC environment (the provider must exist before the server, so the shared webServer
// cannot be used), a local oidc-provider with its development login and consent pages, and
// Chromium clicking "Sign in with Test IdP" through to the page it came from. Everything started
// here is stopped here: the server's process group by its PID, the provider by closing it.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { findFreePort, waitUntil } from "@/lib/lab";
import { startTestProvider, type TestProvider } from "@/lib/testing/oidc-test-provider";

let provider: TestProvider;
let server: ChildProcess | undefined;
let base = "";
let dataDir = "";

test.beforeAll(async () => {
  const port = await findFreePort();
  base = `http://127.0.0.1:${port}`;
  provider = await startTestProvider({ redirectUri: `${base}/api/auth/oidc/callback` });
  provider.groups.alice = ["redis-admins"];
  provider.groups.bob = ["devs"];
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "redline-e2e-oidc-"));
  const env = {
    ...process.env,
    NODE_OPTIONS: "",
    REDLINE_DATA_DIR: dataDir,
    REDLINE_SAMPLER: "off",
    REDLINE_ADMIN_PASSWORD: "e2e-oidc-admin-password",
    REDLINE_OIDC_ISSUER: provider.issuer,
    REDLINE_OIDC_CLIENT_ID: provider.clientId,
    REDLINE_OIDC_CLIENT_SECRET: provider.clientSecret,
    REDLINE_OIDC_SCOPES: "openid profile groups",
    REDLINE_OIDC_ADMIN_VALUES: "redis-admins",
    REDLINE_OIDC_LABEL: "Test IdP",
  };
  const log = fs.openSync(path.join(dataDir, "server.log"), "w");
  // Its own process group, so that the stop reaches Next's workers; only this group is signalled.
  server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", String(port)], { env, detached: true, stdio: ["ignore", log, log] });
  await waitUntil(async () => ((await fetch(`${base}/api/probes`).catch(() => undefined))?.status === 401 ? true : "not up"), { timeoutMs: 60_000, intervalMs: 250, what: "redline (OIDC) server" });
});

test.afterAll(async () => {
  if (server?.pid && server.exitCode === null) {
    const exited = new Promise((resolve) => server!.once("exit", resolve));
    process.kill(-server.pid, "SIGTERM");
    await exited;
  }
  await provider?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test("signs in with the identity provider and returns to the page asked for, with the mapped role", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: base, storageState: undefined, extraHTTPHeaders: {} });
  const page = await context.newPage();
  await page.goto("/instances/new");
  await expect(page).toHaveURL(/\/login\?next=%2Finstances%2Fnew$/);
  // The local form stays next to the single sign-on link.
  await expect(page.getByLabel("Username")).toBeVisible();
  await page.getByRole("link", { name: "Sign in with Test IdP" }).click();

  await expect(page).toHaveURL(new RegExp(`^${provider.issuer}/interaction/`));
  await page.locator("input[name=login]").fill("alice");
  await page.locator("input[name=password]").fill("any");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();

  await expect(page).toHaveURL(`${base}/instances/new`);
  await expect(page.getByTestId("signed-in-user")).toHaveText("oidc:alice");
  // Admin by the groups claim: the admin-only form is there.
  await expect(page.getByRole("heading", { name: "Register instance" })).toBeVisible();
  const me = await (await page.request.get("/api/auth/me")).json();
  expect(me.user).toMatchObject({ name: "oidc:alice", role: "admin", via: "session" });

  // Signing out ends the provider session too: its confirmation page, then back to Redline's sign-in.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(new RegExp(`^${provider.issuer}/session/end`));
  await page.getByRole("button", { name: "Yes, sign me out" }).click();
  await expect(page).toHaveURL(`${base}/login`);
  expect((await page.request.get("/api/auth/me")).status()).toBe(401);
  await context.close();
});

test("a person outside the mapped groups is a viewer; a forged callback lands on the login page with a reason", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: base, storageState: undefined, extraHTTPHeaders: {} });
  const page = await context.newPage();
  await page.goto("/api/auth/oidc/callback?code=forged&state=forged");
  await expect(page).toHaveURL(/\/login\?error=oidc_state$/);
  await expect(page.getByRole("alert").filter({ hasText: "Single sign-on failed" })).toContainText("started in another window");

  await page.getByRole("link", { name: "Sign in with Test IdP" }).click();
  await page.locator("input[name=login]").fill("bob");
  await page.locator("input[name=password]").fill("any");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByTestId("signed-in-user")).toHaveText("oidc:bob");
  expect((await (await page.request.get("/api/auth/me")).json()).user.role).toBe("viewer");
  expect((await page.request.post("/api/instances", { data: { name: "x", host: "127.0.0.1", port: 1 }, headers: { origin: base } })).status()).toBe(403);
  await context.close();
});
