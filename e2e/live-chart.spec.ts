// Live charts move: a lab standalone registered through the API, its instance page open, load from
// the test; the Commands chart's latest value (read from its caption, never from pixels) rises and
// its sample count grows with each refresh. Then a crash and restart puts a marker on the charts,
// and a slow script fires an alert that the instance page and the fleet page show. Screenshots of
// the charts in both themes, and of the fleet's alerts panel.
import { expect, test, type Locator, type Page } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { createLabClient, labCommand, startRedis, startStandalone } from "@/lib/lab";
import { stopLabAfterAll } from "./support/lab";

const shots = path.join("test-results", "screenshots");
stopLabAfterAll();

const SUFFIX: Record<string, number> = { "": 1, k: 1e3, M: 1e6, B: 1e9 };

/** The figcaption's "Latest 1,234 ops/s …; 312 samples." as numbers. */
async function readCaption(figure: Locator): Promise<{ latest: number | null; samples: number }> {
  const text = await figure.locator("figcaption").innerText();
  const latest = /Latest ([\d.,]+)(k|M|B)? ops\/s/.exec(text);
  const samples = /([\d,]+) samples?\./.exec(text);
  return {
    latest: latest ? Number(latest[1]!.replace(/,/g, "")) * SUFFIX[latest[2] ?? ""]! : null,
    samples: samples ? Number(samples[1]!.replace(/,/g, "")) : 0,
  };
}

/** Burns ~150 ms inside Redis: a slowlog entry over the slow-command rule's 100 ms. */
const SLOW_SCRIPT = `
local function us() local t = redis.call('TIME') return tonumber(t[1]) * 1000000 + tonumber(t[2]) end
local start = us()
local n = 0
repeat n = n + 1 until us() - start > 150000 or n > 50000000
return n`;

async function setTheme(page: Page, theme: "dark" | "light") {
  await page.evaluate((t) => localStorage.setItem("redline-theme", t), theme);
  await page.reload();
}

test("a live chart moves under load, shows a restart marker, and a slow script fires an alert", async ({ page, request }) => {
  test.setTimeout(150_000);
  fs.mkdirSync(shots, { recursive: true });
  const lab = await startStandalone();
  const created = await request.post("/api/instances", { data: { name: "live-chart-cache", host: "127.0.0.1", port: lab.node.port } });
  expect(created.status()).toBe(201);
  const id: string = (await created.json()).instance.id;

  await page.goto(`/instances/${id}`);
  const ops = page.getByRole("figure", { name: /^Commands/ });
  // The sampler reads every 2 s; a rate needs two samples.
  await expect(ops.locator("figcaption")).toContainText(/Latest [\d.,]+k? ops\/s/, { timeout: 20_000 });
  const idle = await readCaption(ops);

  // Load: pipelined SETs from the test, a few thousand per second.
  const client = createLabClient(lab.node);
  await client.connect();
  let loading = true;
  const load = (async () => {
    for (let i = 0; loading; ) {
      const p = client.pipeline();
      for (let k = 0; k < 200; k++) p.set(`load:${i++ % 5_000}`, "x");
      await p.exec();
    }
  })();
  try {
    // Two refreshes, each seen in the caption: the latest value rises well above idle, then the
    // next refresh adds samples.
    await expect
      .poll(async () => (await readCaption(ops)).latest, { timeout: 20_000, intervals: [1_000] })
      .toBeGreaterThan(Math.max(100, (idle.latest ?? 0) * 10));
    const busy = await readCaption(ops);
    expect(busy.samples).toBeGreaterThan(idle.samples);
    await expect.poll(async () => (await readCaption(ops)).samples, { timeout: 10_000, intervals: [1_000] }).toBeGreaterThan(busy.samples);
    await expect(page.getByRole("figure", { name: /^Keys/ }).locator("figcaption")).toContainText(/Latest 5,000/, { timeout: 10_000 });
  } finally {
    loading = false;
    await load.catch(() => {});
    client.disconnect();
  }

  // A crash and a restart on the same port: a new run_id, drawn as a marker on every chart.
  await lab.node.kill();
  await startRedis({ port: lab.node.port, dir: lab.node.dir });
  const charts = page.locator("#live-metrics");
  await expect(charts.getByRole("list", { name: "Events" })).toContainText(/Restart at [\d:]+ on 127\.0\.0\.1:\d+/, { timeout: 30_000 });
  await expect(ops.locator("figcaption")).toContainText(/Marked: restart at [\d:]+/);

  // A 150 ms script: the slow-command rule (100 ms, no `for`) fires at the next sample.
  await labCommand(lab.node, ["EVAL", SLOW_SCRIPT, "0"], { commandTimeoutMs: 10_000 });
  const alerts = page.locator("#alerts");
  await expect(alerts.getByText("Firing").first()).toBeVisible({ timeout: 20_000 });
  await expect(alerts).toContainText("slow-command");
  await expect(alerts).toContainText(/Playbook: ?Big keys/);

  await charts.screenshot({ path: path.join(shots, "instance-charts.png") });
  await alerts.screenshot({ path: path.join(shots, "instance-alerts.png") });
  await setTheme(page, "light");
  await expect(ops.locator("figcaption")).toContainText(/Marked: restart/, { timeout: 20_000 });
  await charts.screenshot({ path: path.join(shots, "instance-charts-light.png") });

  // The fleet: the alerts above the table, and the firing count on the instance's row.
  await page.goto("/");
  const panel = page.getByRole("region", { name: /Firing alerts/ });
  // The slow script, the slowlog entry and the restart that lost every key all fire; critical first.
  await expect(panel.getByRole("listitem").first()).toContainText(/Critical.*live-chart-cache/, { timeout: 15_000 });
  await expect(panel).toContainText(/firing for/);
  await expect(panel).toContainText(/A command took 1\d\d ms/);
  await expect(page.getByRole("row", { name: /live-chart-cache/ })).toContainText(/[1-9]\d* firing/);
  await page.screenshot({ path: path.join(shots, "fleet-alerts-light.png"), fullPage: true });
  await setTheme(page, "dark");
  await expect(panel).toContainText(/firing for/);
  await page.screenshot({ path: path.join(shots, "fleet-alerts.png"), fullPage: true });
});

// Long windows come from 1-minute rollups as [t, min, avg, max] points. Waiting hours for real
// rollups is not a test, so this one answers the metrics request itself and checks the drawing:
// the average line over its min–max band, the break where samples are missing, a failover marker,
// and threshold lines, all also said in words.
test("a rollup window draws the min–max band, gaps, markers and thresholds", async ({ page, request }) => {
  fs.mkdirSync(shots, { recursive: true });
  const created = await request.post("/api/instances", { data: { name: "rollup-chart-cache", host: "127.0.0.1", port: 1 } });
  expect(created.status()).toBe(201);
  const id: string = (await created.json()).instance.id;
  const to = Date.now();
  const from = to - 24 * 3_600_000;
  const step = 10 * 60_000;
  const points = (f: (i: number) => number) =>
    Array.from({ length: 144 }, (_, i) => {
      const t = from + i * step;
      // An hour with no samples (the dashboard was down) must show as a break, not a bridge.
      if (i >= 60 && i < 66) return [t, null, null, null];
      const avg = f(i);
      return [t, avg * 0.7, avg, avg * 1.4];
    });
  const base = { node: "127.0.0.1:6379", shape: "range" };
  const metrics = {
    instanceId: id, window: "24h", from, to, intervalMs: step, source: "rollups",
    series: [
      { ...base, id: "ops.per_sec", title: "Commands", unit: "ops/s", thresholds: [], points: points((i) => 2_000 + 1_500 * Math.sin(i / 12)) },
      // A second node of the same series: a second line, told apart by colour and by name.
      { ...base, node: "127.0.0.1:6380", id: "ops.per_sec", title: "Commands", unit: "ops/s", thresholds: [], points: points((i) => 800 + 300 * Math.cos(i / 9)) },
      {
        ...base, id: "memory.used_pct_of_max", title: "Memory vs maxmemory", unit: "%", points: points((i) => 30 + i / 3),
        thresholds: [{ value: 70, severity: "warning", ruleId: "memory-warning" }, { value: 90, severity: "critical", ruleId: "memory-critical" }],
      },
    ],
    markers: [{ t: from + 100 * step, kind: "failover", node: "127.0.0.1:6380", detail: "replica → master" }],
  };
  await page.route(`**/api/instances/${id}/metrics?window=24h*`, (route) => route.fulfill({ json: { metrics } }));

  await page.goto(`/instances/${id}`);
  await page.getByRole("radio", { name: /last 24 hours/ }).click();
  const ops = page.getByRole("figure", { name: /^Commands/ });
  await expect(ops.locator("figcaption")).toContainText(/127\.0\.0\.1:6379: Latest .* Over the last 24 hours: min [\d.,]+ ops\/s, max [\d.,k]+ ops\/s; 138 samples\./);
  await expect(ops.getByRole("list", { name: "Lines" })).toContainText("127.0.0.1:6380");
  await expect(ops.locator("figcaption")).toContainText("Marked: failover at");
  const memory = page.getByRole("figure", { name: /^Memory vs maxmemory/ });
  await expect(memory.getByRole("list", { name: "Thresholds" })).toContainText("Critical ≥ 90%");
  await expect(page.locator("#live-metrics").getByRole("list", { name: "Events" })).toContainText(/Failover at .* on 127\.0\.0\.1:6380: replica → master/);
  await page.locator("#live-metrics").screenshot({ path: path.join(shots, "instance-charts-rollups.png") });
  // The hover box: time, each node's average and its bucket's min–max, with units.
  const plot = ops.getByRole("img", { name: /^Line chart of Commands/ });
  const box = (await plot.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.5);
  await expect(ops.getByText(/^min [\d.,k]+ ops\/s – max [\d.,k]+ ops\/s$/).first()).toBeVisible();
  await ops.screenshot({ path: path.join(shots, "chart-tooltip.png") });
  await setTheme(page, "light");
  await page.getByRole("radio", { name: /last 24 hours/ }).click();
  await expect(ops.locator("figcaption")).toContainText("138 samples");
  await page.locator("#live-metrics").screenshot({ path: path.join(shots, "instance-charts-rollups-light.png") });
});
