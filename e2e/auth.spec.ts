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
  await context.close();
});

test("security headers are on every page", async ({ request }) => {
  const res = await request.get("/login");
  expect(res.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(res.headers()["x-frame-options"]).toBe("DENY");
  expect(res.headers()["x-content-type-options"]).toBe("nosniff");
  expect(res.headers()["referrer-policy"]).toBe("same-origin");
});
