// Faults on the page: the instance page of a frozen server (SIGSTOP) says it timed out, one running a
// busy script says so, and both clear by themselves once the fault ends, without a reload (back to
// Healthy, or Warning while the latency the freeze caused is still in the window).
// (Every fault class is covered through the API in lib/reliability/*.int.test.ts.)
import { expect, test } from "@playwright/test";
import { createLabClient, labCommand, startStandalone } from "@/lib/lab";
import { stopLabAfterAll } from "./support/lab";

stopLabAfterAll();

test("a frozen server and a busy script show classified on the instance page, then recover by themselves", async ({ page, request }) => {
  test.setTimeout(90_000);
  const lab = await startStandalone({ args: ["--busy-reply-threshold", "100"] });
  const reg = await request.post("/api/instances", { data: { name: "faulty-cache", host: lab.node.host, port: lab.node.port } });
  expect(reg.status()).toBe(201);
  const id = (await reg.json()).instance.id as string;
  await page.goto(`/instances/${id}`);
  // The status badge next to the instance's name.
  const status = page.getByRole("heading", { level: 1, name: "faulty-cache" }).locator("xpath=..");
  // Warning is fine too: a fresh server on a busy machine may show a latency or memory finding.
  await expect(status).toContainText(/Healthy|Warning/, { timeout: 20_000 });

  lab.node.freeze();
  try {
    await expect(page.getByText("Unreachable · Timed out")).toBeVisible({ timeout: 20_000 });
  } finally {
    lab.node.thaw();
  }
  await expect(page.getByText("Unreachable · Timed out")).toHaveCount(0, { timeout: 30_000 });
  await expect(status).toContainText(/Healthy|Warning/);

  const scripter = createLabClient(lab.node, { commandTimeoutMs: 0 });
  const script = scripter.eval("while true do end", 0).catch((e: Error) => e);
  try {
    await expect(page.getByText(/Busy running a script/).first()).toBeVisible({ timeout: 20_000 });
    await expect(status).toContainText("Critical");
  } finally {
    await labCommand(lab.node, ["SCRIPT", "KILL"]).catch(() => {});
    await script;
    scripter.disconnect();
  }
  await expect(status).toContainText(/Healthy|Warning/, { timeout: 30_000 });
});
