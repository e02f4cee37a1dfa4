// Hostile text is rendered inert: an instance name, a note and Redis key names carrying HTML/JS
// (plus newlines, quotes, binary bytes and a huge name) are shown literally on the fleet, instance
// and investigation pages, and nothing runs: no dialog, no window.__pwned.
import { expect, test, type Page } from "@playwright/test";
import { createLabClient, startStandalone } from "@/lib/lab";
import { stopLabAfterAll } from "./support/lab";

stopLabAfterAll();

const NAME = "<img src=x onerror=window.__pwned=1>";
const NOTE = "<script>window.__pwned=2</script><img src=y onerror=window.__pwned=3> \"quoted\" 'single'";
const KEY = '<svg onload=window.__pwned=4>\n"line two"';

async function expectInert(page: Page, dialogs: string[]) {
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
  // No element was created from the hostile text.
  expect(await page.locator("img[src=x], img[src=y], svg[onload]").count()).toBe(0);
}

test("HTML and JS in names, notes and key names are shown literally and never run", async ({ page, request }) => {
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const lab = await startStandalone();
  const c = createLabClient(lab.node);
  try {
    // Big enough to rank at the top of the bigkeys scan, next to a few odd names.
    await c.set(KEY, "v".repeat(50_000));
    await c.set(Buffer.from([0xff, 0xfe, 0x00, 0x3c, 0x62, 0x3e]), "binary");
    await c.set(`huge-${"k".repeat(4000)}`, "x");
    await c.set("it's \"quoted\"", "x");
  } finally {
    c.disconnect();
  }

  const reg = await request.post("/api/instances", { data: { name: NAME, host: lab.node.host, port: lab.node.port } });
  expect(reg.status()).toBe(201);
  const id = (await reg.json()).instance.id as string;
  const inv = await request.post("/api/investigations", { data: { instanceId: id, playbookId: "bigkey" } });
  const invId = (await inv.json()).investigation.id as string;
  expect((await request.post(`/api/investigations/${invId}/steps/bigkeys/run`, { data: {} })).status()).toBe(200);
  expect((await request.patch(`/api/investigations/${invId}`, { data: { note: { stepId: "bigkeys", text: NOTE } } })).status()).toBe(200);

  await page.goto("/");
  await expect(page.getByText(NAME).first()).toBeVisible();
  await expectInert(page, dialogs);

  await page.goto(`/instances/${id}`);
  await expect(page.getByText(NAME).first()).toBeVisible();
  await expectInert(page, dialogs);

  await page.goto(`/investigations/${invId}`);
  const step = page.getByText(NOTE).first();
  if (!(await step.isVisible())) await page.getByRole("button", { name: /biggest keys|bigkeys/i }).first().click();
  await expect(page.getByText(NOTE).first()).toBeVisible();
  // The key name, newline included, is visible as text in the saved result.
  await expect(page.getByText("<svg onload=window.__pwned=4>", { exact: false }).first()).toBeVisible();
  await expectInert(page, dialogs);
});
