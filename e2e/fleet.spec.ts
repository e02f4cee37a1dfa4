// Register an instance through the form, see it healthy on the fleet page, see an unreachable one
// flagged with its reason, and prove the password leaks nowhere (API, HTML, logs, database).
import { expect, test } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { findFreePort, startStandalone } from "@/lib/lab";
import { stopLabAfterAll } from "./support/lab";
import { filesContaining } from "./support/secrets";

const PASSWORD = "e2e-Pw-7f3c9a-never-shown";
const shots = path.join("test-results", "screenshots");
stopLabAfterAll();

test("register through the form, fleet shows healthy and unreachable instances, no password leaks", async ({ page, request }) => {
  fs.mkdirSync(shots, { recursive: true });
  const lab = await startStandalone({ password: PASSWORD });
  const deadPort = await findFreePort();

  await page.goto("/instances/new");
  await page.getByLabel("Name", { exact: true }).fill("checkout-cache");
  await page.getByLabel("Host", { exact: true }).fill("127.0.0.1");
  await page.getByLabel("Port", { exact: true }).fill(String(lab.node.port));
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByText(/7\.0\.\d+/).first()).toBeVisible();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page).toHaveURL(/\/instances\/[0-9a-f-]{36}$/);
  await expect(page.getByText("Healthy").first()).toBeVisible();
  await page.screenshot({ path: path.join(shots, "instance.png"), fullPage: true });

  // An instance nobody listens for, registered through the API like a script would.
  const dead = await request.post("/api/instances", { data: { name: "orders-cache-dead", host: "127.0.0.1", port: deadPort } });
  expect(dead.status()).toBe(201);

  await page.goto("/");
  const healthyRow = page.getByRole("row", { name: /checkout-cache/ });
  await expect(healthyRow.getByText("Healthy")).toBeVisible();
  const deadRow = page.getByRole("row", { name: /orders-cache-dead/ });
  await expect(deadRow.getByText("Unreachable").first()).toBeVisible();
  await expect(deadRow).toContainText(/refused|unreachable/i);
  await page.screenshot({ path: path.join(shots, "fleet.png"), fullPage: true });

  // Validation errors name the field and keep what was typed.
  await page.goto("/instances/new");
  await page.getByLabel("Name", { exact: true }).fill("bad-port");
  await page.getByLabel("Host", { exact: true }).fill("127.0.0.1");
  await page.getByLabel("Port", { exact: true }).fill("70000");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText(/Port must be 1–65535/)).toBeVisible();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("bad-port");

  // The password is nowhere: API responses, page HTML, server log, database files.
  const list = await (await request.get("/api/instances")).text();
  expect(list).toContain("checkout-cache");
  const id = JSON.parse(list).instances.find((e: { instance: { name: string } }) => e.instance.name === "checkout-cache").instance.id;
  for (const url of ["/api/instances", `/api/instances/${id}`, `/api/instances/${id}/health`, "/", `/instances/${id}`, `/instances/${id}/edit`]) {
    const body = await (await request.get(url)).text();
    expect(body, url).not.toContain(PASSWORD);
  }
  const probe = await request.post(`/api/instances/${id}/probes/clients`, { data: {} });
  expect(await probe.text()).not.toContain(PASSWORD);
  expect(filesContaining(process.env.REDLINE_E2E_DATA_DIR!, PASSWORD)).toEqual([]);
  expect(fs.readFileSync(path.join(process.env.REDLINE_E2E_DATA_DIR!, "server.log"), "utf8").length).toBeGreaterThan(0);
});
