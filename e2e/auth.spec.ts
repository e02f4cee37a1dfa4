// Sign-in and roles in a real browser: anonymous pages go to /login, a wrong password is refused,
// sign-out ends the session, and a viewer sees no controls it may not use (and the server refuses
// them anyway).
import { expect, test } from "@playwright/test";
import { startStandalone } from "@/lib/lab";
import { stopLabAfterAll } from "./support/lab";
import { ADMIN, anonymousContext, signIn } from "./support/auth";

stopLabAfterAll();

test("anonymous pages redirect to sign-in; sign in, sign out", async ({ browser }) => {
  const context = await anonymousContext(browser);
  const page = await context.newPage();
  await page.goto("/instances/new");
  await expect(page).toHaveURL(/\/login\?next=%2Finstances%2Fnew$/);
  expect((await page.request.get("/api/instances")).status()).toBe(401);

  await page.getByLabel("Username").fill("admin");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Wrong username or password" })).toBeVisible();

  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/instances\/new$/);
  await expect(page.getByTestId("signed-in-user")).toHaveText("admin");
  await expect(page.getByRole("heading", { name: "Register instance" })).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
  await context.close();
});

test("a viewer sees no admin or scan controls, and the server refuses them", async ({ browser, request }) => {
  const lab = await startStandalone();
  const created = await request.post("/api/instances", { data: { name: "viewer-view-cache", host: "127.0.0.1", port: lab.node.port } });
  expect(created.status()).toBe(201);
  const id = (await created.json()).instance.id as string;
  const viewer = { username: "vic", password: "viewer-password-123" };
  expect((await request.post("/api/users", { data: { ...viewer, role: "viewer" } })).status()).toBe(201);

  const context = await anonymousContext(browser);
  const page = await context.newPage();
  await signIn(page, viewer);
  await expect(page.getByRole("link", { name: "Register instance" })).toHaveCount(0);
  await page.goto(`/instances/${id}`);
  await expect(page.getByRole("heading", { name: "viewer-view-cache" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Delete" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Edit" })).toHaveCount(0);

  const probes = (await (await request.get("/api/probes")).json()).probes as Array<{ id: string; title: string; cost: string }>;
  const cheap = probes.find((p) => p.cost === "O(1)")!;
  const scan = probes.find((p) => p.cost !== "O(1)")!;
  const runButton = (title: string) => page.getByRole("button", { name: new RegExp(`^Run\\s*: ${title}$`) });
  await expect(runButton(cheap.title)).toBeVisible();
  await expect(runButton(scan.title)).toHaveCount(0);

  // Hidden is not enough: the same requests from the viewer's page are refused by the server.
  const statuses = await page.evaluate(
    async ({ id, scanId }) => {
      const post = (url: string, body: unknown) => fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).then((r) => r.status);
      return {
        register: await post("/api/instances", { name: "nope", host: "127.0.0.1", port: 1 }),
        scan: await post(`/api/instances/${id}/probes/${scanId}`, {}),
        remove: await fetch(`/api/instances/${id}`, { method: "DELETE" }).then((r) => r.status),
      };
    },
    { id, scanId: scan.id },
  );
  expect(statuses).toEqual({ register: 403, scan: 403, remove: 403 });
  await page.goto("/instances/new");
  await expect(page).toHaveURL(/\/$/);

  // An investigation on an instance that allows remediation: the viewer reads it, runs nothing.
  expect((await request.patch(`/api/instances/${id}`, { data: { allowRemediation: true } })).status()).toBe(200);
  const inv = (await (await request.post("/api/investigations", { data: { instanceId: id, playbookId: "lua-busy" } })).json()).investigation.id as string;
  await page.goto(`/investigations/${inv}`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Run/ })).toHaveCount(0);
  await page.getByRole("tab", { name: "4. Fix" }).click();
  await expect(page.getByRole("heading", { name: "Stop the script (SCRIPT KILL)" })).toBeVisible();
  await expect(page.getByLabel(/^Type the command/)).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Run / })).toHaveCount(0);
  await expect(page.getByText("Running this fix from Redline needs the responder role").first()).toBeVisible();
  const refused = await page.evaluate(
    (inv) => fetch(`/api/investigations/${inv}/actions/script-kill`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ confirmation: "SCRIPT KILL" }) }).then((r) => r.status),
    inv,
  );
  expect(refused).toBe(403);
  await context.close();
});

test("an admin adds a user and an API token on the Access page; the token works once shown, and not after revoking", async ({ page, playwright, baseURL }) => {
  await page.goto("/access");
  await expect(page.getByRole("heading", { name: "Access" })).toBeVisible();
  const users = page.getByRole("form", { name: "Add a user" });
  await users.getByLabel("Username").fill("new.responder");
  await users.getByLabel("Password").fill("short");
  await users.getByRole("button", { name: "Add user" }).click();
  await expect(users.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");
  await expect(users.getByLabel("Username")).toHaveValue("new.responder");
  await users.getByLabel("Password").fill("a-long-enough-password");
  await users.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByRole("cell", { name: "new.responder" })).toBeVisible();

  const tokens = page.getByRole("form", { name: "Create a token" });
  await tokens.getByLabel("Name").fill("e2e-nightly");
  await tokens.getByLabel("Role").selectOption("viewer");
  await tokens.getByLabel("Expires in (days)").fill("7");
  await tokens.getByRole("button", { name: "Create token" }).click();
  const shown = (await page.getByTestId("new-token").innerText()).trim();
  expect(shown.length).toBeGreaterThan(20);
  await page.screenshot({ path: "test-results/screenshots/access.png", fullPage: true });

  const script = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${shown}` } });
  expect((await script.get("/api/instances")).status()).toBe(200);
  expect((await script.post("/api/instances", { data: { name: "x", host: "127.0.0.1", port: 1 } })).status()).toBe(403);
  // Listed without its secret.
  await page.reload();
  const row = page.getByRole("row").filter({ hasText: "e2e-nightly" });
  await expect(row).toContainText("Active");
  await expect(page.getByText(shown)).toHaveCount(0);
  await row.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Revoke token" }).click();
  await expect(row).toContainText("Revoked");
  expect((await script.get("/api/instances")).status()).toBe(401);
  await script.dispose();
});

test("security headers are on every page", async ({ request }) => {
  const res = await request.get("/login");
  expect(res.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(res.headers()["x-frame-options"]).toBe("DENY");
  expect(res.headers()["x-content-type-options"]).toBe("nosniff");
  expect(res.headers()["referrer-policy"]).toBe("same-origin");
});
