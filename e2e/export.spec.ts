// Postmortem export through the page: a bigkey investigation on a lab redis-server, its steps run
// from the wizard, the root cause chosen, a timeline entry added by hand and a postmortem field
// typed (autosaved); then Markdown, JSON and PDF are downloaded from the page's buttons, with and
// without redaction. The Markdown and JSON hold the evidence and the timeline; the PDF is turned
// into PNGs (pdftoppm) for a person to look at; redacted files (PDF text via pdftotext) hold no
// key name of the scenario. Screenshots of the postmortem section and of the team page.
import { expect, test, type Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { bigkeyScenario } from "@/lib/lab/scenarios/bigkey";
import type { RunningScenario } from "@/lib/lab/scenarios/scenario";
import { getPlaybook } from "@/lib/playbooks";
import { stopLabAfterAll } from "./support/lab";

const shots = path.join("test-results", "screenshots");
const BIG_KEY = "user:profile:hash";
const SMALL_PREFIX = "cache:user:";
stopLabAfterAll();

let running: RunningScenario | undefined;
test.afterAll(async () => {
  await running?.stop();
});

async function exportFile(page: Page, label: string, dir: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent("download", { timeout: 60_000 }), page.getByRole("button", { name: label }).click()]);
  const file = path.join(dir, download.suggestedFilename());
  await download.saveAs(file);
  return file;
}

test("an investigation on the bigkey lab is exported as Markdown, JSON and PDF, redacted or not", async ({ page, request }) => {
  test.setTimeout(240_000);
  fs.mkdirSync(shots, { recursive: true });
  const dir = test.info().outputPath("exports");
  fs.mkdirSync(dir, { recursive: true });
  running = await bigkeyScenario.start({ fields: 60_000, smallKeys: 2_000, slowlogThresholdUs: 1_000, expectSlowMs: 3, readIntervalMs: 1_000, trafficOpsPerSec: 20 });
  const lab = running.instances[0]!;
  const created = await request.post("/api/instances", { data: { name: "export-e2e-bigkey", host: lab.host, port: lab.port } });
  expect(created.status()).toBe(201);
  const instanceId: string = (await created.json()).instance.id;
  const started = await request.post("/api/investigations", { data: { instanceId, playbookId: "bigkey" } });
  expect(started.status()).toBe(201);
  const invId: string = (await started.json()).investigation.id;

  // Every step of the playbook, run from the wizard.
  await page.goto(`/investigations/${invId}`);
  for (const [i, step] of getPlaybook("bigkey")!.investigation.entries()) {
    const card = page.locator("section", { has: page.getByRole("heading", { name: `${i + 1}. ${step.title}` }) });
    await card.getByRole("button", { name: "Run", exact: true }).click();
    await expect(card.getByRole("button", { name: "Run again" })).toBeVisible({ timeout: 60_000 });
  }
  await page.getByRole("tab", { name: /Root cause/ }).click();
  // A controlled radio: checked once the server saved the choice.
  const cause = page.getByRole("radio", { name: /A key grew without bound/ });
  await cause.click();
  await expect(cause).toBeChecked();

  // A timeline entry by hand, and a postmortem field, saved as typed.
  const timeline = page.locator("#timeline");
  await timeline.getByLabel("What happened").fill(`Support: checkout slow, ${BIG_KEY} suspected`);
  await timeline.getByRole("button", { name: "Add entry" }).click();
  await expect(timeline.getByRole("list", { name: "Timeline entries" })).toContainText(`Support: checkout slow, ${BIG_KEY} suspected`);
  await expect(timeline.getByRole("list", { name: "Timeline entries" })).toContainText("Root cause chosen: A key grew without bound");
  const manual = timeline.getByRole("listitem").filter({ hasText: "Support: checkout slow" });
  await manual.getByRole("button", { name: "Star entry" }).click();
  await expect(manual.getByRole("button", { name: "Unstar entry" })).toHaveAttribute("aria-pressed", "true");
  const postmortem = page.locator("#postmortem");
  // The unsaved draft followed the investigation: the chosen root cause is pre-filled.
  await expect(postmortem.getByLabel("Root cause", { exact: true })).toHaveValue(/^A key grew without bound and is read whole\./);
  await postmortem.getByLabel("Impact").fill(`Checkout p99 above 300 ms while ${BIG_KEY} was read whole`);
  await expect(postmortem.getByRole("status").filter({ hasText: /^\s*Saved\s*$/ })).toBeVisible({ timeout: 15_000 });
  await postmortem.scrollIntoViewIfNeeded();
  await postmortem.screenshot({ path: path.join(shots, "postmortem-section.png") });
  await timeline.screenshot({ path: path.join(shots, "postmortem-timeline.png") });

  // Plain exports: evidence and timeline in Markdown and JSON; the PDF as images.
  const md = fs.readFileSync(await exportFile(page, "Export Markdown", dir), "utf8");
  expect(md).toContain("## Timeline");
  expect(md).toContain(`| ★ manual | Support: checkout slow, ${BIG_KEY} suspected |`);
  expect(md).toContain(`Checkout p99 above 300 ms while ${BIG_KEY} was read whole`);
  expect(md).toMatch(/### Evidence\n\n\*\*A key grew without bound and is read whole\*\*: confirmed \(chosen root cause\)/);
  expect(md).toContain("```shell\nSLOWLOG GET 64");
  const bundle = JSON.parse(fs.readFileSync(await exportFile(page, "Export JSON", dir), "utf8"));
  expect(bundle.schemaVersion).toBe(1);
  expect(bundle.steps.filter((s: { kind: string }) => s.kind === "probe").length).toBeGreaterThanOrEqual(4);
  expect(bundle.timeline.some((e: { kind: string; text: string }) => e.kind === "manual" && e.text.includes(BIG_KEY))).toBe(true);
  expect(JSON.stringify(bundle)).toContain(BIG_KEY);
  const pdf = await exportFile(page, "Export PDF", dir);
  expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe("%PDF-");
  execFileSync("pdftoppm", ["-png", "-r", "70", "-f", "1", "-l", "3", pdf, path.join(shots, "postmortem-pdf")]);
  expect(fs.readdirSync(shots).filter((f) => f.startsWith("postmortem-pdf")).length).toBeGreaterThanOrEqual(1);

  // Redacted: no key name of the scenario in any format.
  await page.getByLabel("Redact key names and clients").check();
  const redacted = {
    md: fs.readFileSync(await exportFile(page, "Export Markdown", dir), "utf8"),
    json: fs.readFileSync(await exportFile(page, "Export JSON", dir), "utf8"),
    pdf: execFileSync("pdftotext", ["-layout", await exportFile(page, "Export PDF", dir), "-"], { encoding: "utf8" }),
  };
  for (const [format, text] of Object.entries(redacted)) {
    expect(text, format).not.toContain(BIG_KEY);
    expect(text, format).not.toContain(SMALL_PREFIX);
    expect(text, format).toContain("key-1");
  }
  expect(JSON.parse(redacted.json).redacted).toBe(true);

  // Every export was audited.
  const audit = await request.get("/api/audit?action=export");
  const entries = (await audit.json()).entries.filter((e: { detail: { investigationId: string } }) => e.detail.investigationId === invId);
  expect(entries).toHaveLength(6);

  // The team page lists the open investigation and the instance's coverage.
  await page.goto("/team");
  await expect(page.getByRole("heading", { name: "Team view" })).toBeVisible();
  await expect(page.locator("#open-investigations")).toContainText("export-e2e-bigkey");
  await expect(page.locator("#coverage")).toContainText("export-e2e-bigkey");
  await expect(page.getByRole("figure", { name: "Incidents by playbook per week" })).toBeVisible();
  await page.screenshot({ path: path.join(shots, "team-page.png"), fullPage: true });
});
