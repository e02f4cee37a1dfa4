// Three incidents walked in a real browser from triage to Prevention, as the on-call engineer does
// it: the instance page says what it most likely is, the investigation runs every step, the root
// cause is confirmed, the guarded fix is typed, confirmed and verified (or its refusal explained),
// and the Prevention phase is shown. Screenshots of each phase land in test-results/walks/.
// The lua-busy walk is a responder's (a config-risk fix), and the audit log then shows it.
import path from "node:path";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { luaBusyScenario } from "@/lib/lab/scenarios/lua-busy";
import { fragmentationScenario } from "@/lib/lab/scenarios/fragmentation";
import { connectionExhaustionScenario } from "@/lib/lab/scenarios/connection-exhaustion";
import type { ScenarioInstance } from "@/lib/lab/scenarios/scenario";
import { stopLabAfterAll } from "./support/lab";
import { anonymousContext, signIn } from "./support/auth";

stopLabAfterAll({ fixActions: true });
test.describe.configure({ timeout: 240_000 });

const SHOTS = path.join("test-results", "walks");
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

async function register(request: APIRequestContext, name: string, node: ScenarioInstance): Promise<string> {
  const res = await request.post("/api/instances", { data: { name, host: node.host, port: node.port, allowRemediation: true, ...(node.password ? { password: node.password } : {}) } });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).instance.id as string;
}

/** The instance page's triage names the playbook; its button starts the investigation. */
async function startFromTriage(page: Page, instanceId: string, playbookTitle: string) {
  await page.goto(`/instances/${instanceId}`);
  await expect(page.getByText(`Most likely: ${playbookTitle}`)).toBeVisible({ timeout: 30_000 });
  await page.getByRole("button", { name: `Investigate: ${playbookTitle}` }).click();
  await expect(page).toHaveURL(/\/investigations\/[0-9a-f-]{36}$/, { timeout: 15_000 });
  await expect(page.getByRole("heading", { level: 1, name: playbookTitle })).toBeVisible();
}

/** Symptoms, then every investigation step run and saved, then the root cause tab with `rootCause` confirmed. */
async function investigate(page: Page, request: APIRequestContext, playbookId: string, rootCause: string, prefix: string) {
  const playbook = (await (await request.get(`/api/playbooks/${playbookId}`)).json()).playbook as {
    investigation: Array<{ id: string; title: string }>;
    rootCauses: Array<{ id: string; title: string }>;
  };
  await page.getByRole("tab", { name: "1. Symptoms" }).click();
  await expect(page.getByText("What the incident looks like")).toBeVisible();
  await shot(page, `${prefix}-1-symptoms`);

  await page.getByRole("tab", { name: "2. Investigation" }).click();
  for (const [i, step] of playbook.investigation.entries()) {
    const card = page.getByRole("region", { name: `${i + 1}. ${step.title}` });
    await card.getByRole("button", { name: /^Run/ }).click();
    await expect(card.getByText("Result saved to the investigation.")).toBeVisible({ timeout: 60_000 });
    await expect(card.getByText(/Saved results \(\d+, latest first\)/)).toBeVisible();
  }
  await shot(page, `${prefix}-2-investigation`);

  await page.getByRole("tab", { name: "3. Root cause" }).click();
  const title = playbook.rootCauses.find((r) => r.id === rootCause)!.title;
  const hypothesis = page.locator("label").filter({ hasText: title });
  await expect(hypothesis.getByText("Confirmed", { exact: true })).toBeVisible();
  await shot(page, `${prefix}-3-root-cause`);
}

async function runFix(page: Page, fixTitle: string, confirmation: string) {
  await page.getByRole("tab", { name: "4. Fix" }).click();
  const card = page.locator("section", { has: page.getByRole("heading", { name: fixTitle }) });
  await card.getByLabel(/^Type the command/).fill(confirmation);
  await card.getByRole("button", { name: `Run ${fixTitle}` }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog.locator("pre")).toContainText(confirmation.split("\n")[0]!);
  await dialog.getByRole("button", { name: "Send it" }).click();
  await expect(dialog).toBeHidden({ timeout: 60_000 });
  return card.getByTestId("fix-execution");
}

async function prevention(page: Page, prefix: string) {
  await page.getByRole("tab", { name: "5. Prevention" }).click();
  await expect(page.getByRole("heading", { name: "Config checks" })).toBeVisible();
  await shot(page, `${prefix}-5-prevention`);
}

test("lua-busy, as a responder: triage → steps → root cause → SCRIPT KILL verified → prevention; the audit log shows it", async ({ browser, page: adminPage, request }) => {
  const lab = await luaBusyScenario.start({ size: "small" });
  const id = await register(request, "walk-lua-cache", lab.instances[0]!);
  const responder = { username: "rita", password: "responder-password-123" };
  expect((await request.post("/api/users", { data: { ...responder, role: "responder" } })).status()).toBe(201);
  const context = await anonymousContext(browser);
  const page = await context.newPage();
  await signIn(page, responder);

  await startFromTriage(page, id, "A script never ends: Redis answers BUSY");
  await investigate(page, request, "lua-busy", "endless-loop", "lua-busy");
  const execution = await runFix(page, "Stop the script (SCRIPT KILL)", "SCRIPT KILL");
  await expect(execution.getByText("SCRIPT KILL → \"OK\"")).toBeVisible();
  await expect(execution.getByText(/^Before: .*lua\.busy/)).toBeVisible();
  await expect(execution.getByText("Verified: the problem's findings are gone.")).toBeVisible();
  await shot(page, "lua-busy-4-fix");
  await prevention(page, "lua-busy");

  await context.close();

  // The audit log is an admin's page: it names the responder, the exact argv and the reply.
  await adminPage.goto("/audit?actor=rita");
  const row = adminPage.getByRole("row").filter({ hasText: "fix.execute" });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(`"argv":["SCRIPT","KILL"]`);
  await expect(row).toContainText(`"reply":"OK"`);
  await expect(adminPage.getByRole("row").filter({ hasText: "investigation.step-run" })).toHaveCount(3);
  await shot(adminPage, "lua-busy-6-audit");
  await lab.stop();
});

test("fragmentation: triage → steps → root cause → activedefrag refused by this build, explained → prevention", async ({ page, request }) => {
  const lab = await fragmentationScenario.start({ size: "small" });
  const id = await register(request, "walk-frag-cache", lab.instances[0]!);
  await startFromTriage(page, id, "Memory fragmentation: RSS far above used memory");
  await investigate(page, request, "fragmentation", "after-mass-delete", "fragmentation");
  // Defaults pre-filled: 100 MiB and 10 %; the server renders the exact command to type.
  await page.getByRole("tab", { name: "4. Fix" }).click();
  const expected = `CONFIG SET activedefrag yes active-defrag-ignore-bytes ${100 * 1024 * 1024} active-defrag-threshold-lower 10`;
  const card = page.locator("section", { has: page.getByRole("heading", { name: "Turn on active defragmentation with thresholds" }) });
  await expect(card.getByText(expected).first()).toBeVisible();
  const execution = await runFix(page, "Turn on active defragmentation with thresholds", expected);
  // Debian's redis-server is built without jemalloc's defrag support: the refusal, its meaning, and
  // an honest verify (before and after still fragmented), never a pretend success.
  await expect(execution.getByText(/cannot be enabled/).first()).toBeVisible();
  await expect(execution.getByText(/jemalloc/).first()).toBeVisible();
  await expect(execution.getByText(/^After: .*fragmentation\.ratio-high/)).toBeVisible();
  await expect(execution.getByText("Not verified yet: the verify probe still shows the problem.")).toBeVisible();
  await shot(page, "fragmentation-4-fix");
  await prevention(page, "fragmentation");
  await lab.stop();
});

test("connection-exhaustion: triage → steps → root cause → idle connections listed, closed, verified → prevention", async ({ page, request }) => {
  // Redline is watching before the pools fill the server (its probe and reserved connections are
  // open), as in production: the fill waits until the instance is registered and sampled.
  const lab = await connectionExhaustionScenario.start({ size: "small", fillDelayMs: 8_000, activeIntervalMs: 500 });
  const id = await register(request, "walk-conn-cache", lab.instances[0]!);
  // Health served from the sampler: it has sampled the node, and opened the reserved connection then.
  await expect.poll(async () => (await (await request.get(`/api/instances/${id}/health`)).json()).health?.source, { timeout: 8_000 }).toBe("sampler");
  await lab.filled;
  await startFromTriage(page, id, "Connections exhausted: max number of clients reached");
  // The leftovers must be idle at least the fix's 10 s floor when the clients step reads them.
  await page.waitForTimeout(10_000);
  await investigate(page, request, "connection-exhaustion", "pools-too-big", "connection-exhaustion");

  await page.getByRole("tab", { name: "4. Fix" }).click();
  const fixTitle = "Close the listed idle connections (CLIENT KILL ID, one by one)";
  const card = page.locator("section", { has: page.getByRole("heading", { name: fixTitle }) });
  await card.getByLabel(/^Idle at least/).fill("10");
  const list = card.getByRole("group", { name: /kept$/ });
  await expect(list.getByRole("checkbox").first()).toBeVisible({ timeout: 15_000 });
  const listed = await list.getByRole("checkbox").count();
  expect(listed).toBeGreaterThan(0);
  await expect(list).not.toContainText("redline:");
  // Leave the first one out: exactly the rest is closed.
  await list.getByRole("checkbox").first().uncheck();
  await expect(list.getByRole("group", { name: `${listed - 1} of ${listed} kept` }).or(card.getByText(`${listed - 1} of ${listed} kept`))).toBeVisible();
  await expect(card.getByTestId("fix-draft-commands")).toContainText(`Exact commands (${listed - 1})`);
  const commands = (await card.getByTestId("fix-draft-commands").innerText()).split("\n").filter((l) => /^CLIENT KILL ID \d+$/.test(l));
  expect(commands).toHaveLength(listed - 1);
  const execution = await runFix(page, fixTitle, commands.join("\n"));
  await expect(execution.getByText(/^CLIENT KILL ID \d+ → 1$/)).toHaveCount(listed - 1);
  await expect(execution.getByText(/^Before: .*clients\.near-maxclients/)).toBeVisible();
  await expect(execution.getByText("Verified: the problem's findings are gone.")).toBeVisible();
  await shot(page, "connection-exhaustion-4-fix");
  await prevention(page, "connection-exhaustion");
  await lab.stop();
});
