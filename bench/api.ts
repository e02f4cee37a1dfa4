// Benchmark: the fleet list and health endpoints with N registered instances on a production build
// (autocannon, its own process), first-load JS per route from the build's manifests, and the time
// until the fleet page is complete in Chromium. References measured in the same run: the bare probe
// catalog route (/api/probes: same server, same auth, no Redis, no store) and a trivial Node server;
// for pages, the new-instance form (same layout and sign-in, no fleet data); for JS, the framework
// files every page loads.
//   node --conditions=react-server --import tsx bench/api.ts [--api-instances 200] [--api-seconds 10] [--connections 10] [--no-build] [--json]
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Page } from "playwright-core";
import { startStandalone, stopAll, waitUntil } from "@/lib/lab";
import { benchMain, progress } from "./lib/bench-main";
import { firstLoadJs } from "./lib/first-load-js";
import { autocannon, trivialServer, type HttpLoad } from "./lib/http-load";
import type { SummaryRow } from "./lib/report";
import { median, ratio, round } from "./lib/stats";

const PORT = Number(process.env.REDLINE_BENCH_PORT ?? 3108);
const BASE = `http://127.0.0.1:${PORT}`;
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--no-first-run"];

function startNext(env: NodeJS.ProcessEnv): ChildProcess {
  const bin = path.join(process.cwd(), "node_modules", ".bin", "next");
  // Its own process group, so the stop reaches next's workers too; only this group is signalled.
  const child = spawn(bin, ["start", "-H", "127.0.0.1", "-p", String(PORT)], { env, detached: true, stdio: ["ignore", "ignore", "inherit"] });
  return child;
}

function stopGroup(child: ChildProcess): void {
  if (child.pid && child.exitCode === null) {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      /* already gone */
    }
  }
}

async function api(pathname: string, token: string, init: RequestInit = {}): Promise<Response> {
  return fetch(BASE + pathname, { ...init, headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...init.headers } });
}

/** From navigation start until `done` holds; the page is reloaded each time (cold React Query cache). */
async function timeUntil(page: Page, url: string, done: () => Promise<true | string>, timeoutMs = 60_000): Promise<number> {
  const t0 = performance.now();
  await page.goto(url, { waitUntil: "commit" });
  await waitUntil(done, { timeoutMs, intervalMs: 10, what: `page ${url} complete` });
  return performance.now() - t0;
}

benchMain("api", async (args) => {
  const instances = args.number("api-instances", 200);
  const seconds = args.number("api-seconds", 10);
  const connections = args.number("connections", 10);
  const servers = Math.min(10, instances);
  const pageRuns = args.number("page-runs", 5);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "redline-bench-api-"));
  const token = randomBytes(24).toString("base64url");
  const password = randomBytes(18).toString("base64url");
  let next: ChildProcess | undefined;
  let trivial: Awaited<ReturnType<typeof trivialServer>> | undefined;
  let browser: Awaited<ReturnType<typeof chromium.launch>> | undefined;
  try {
    let buildMs: number | null = null;
    if (!args.has("no-build")) {
      progress("next build…");
      const t = performance.now();
      execFileSync(path.join(process.cwd(), "node_modules", ".bin", "next"), ["build"], { stdio: ["ignore", "ignore", "inherit"], timeout: 600_000 });
      buildMs = Math.round(performance.now() - t);
    }
    const js = firstLoadJs(path.join(process.cwd(), ".next"));
    const framework = firstLoadJs.framework(path.join(process.cwd(), ".next"));

    progress(`starting ${servers} redis-servers and next start on ${PORT}…`);
    const labs = await Promise.all(Array.from({ length: servers }, () => startStandalone()));
    next = startNext({ ...process.env, NODE_ENV: "production", REDLINE_DATA_DIR: dataDir, REDLINE_BOOTSTRAP_TOKEN: token, REDLINE_ADMIN_PASSWORD: password, REDLINE_LOG_LEVEL: "warn" });
    await waitUntil(async () => (await api("/api/probes", token)).ok || "not ok", { timeoutMs: 90_000, intervalMs: 250, what: "next start to answer" });

    progress(`registering ${instances} instances…`);
    let firstId = "";
    for (let i = 0; i < instances; i++) {
      const node = labs[i % servers]!.node;
      const res = await api("/api/instances", token, { method: "POST", body: JSON.stringify({ name: `bench-${String(i).padStart(4, "0")}`, host: node.host, port: node.port }) });
      if (res.status !== 201) throw new Error(`register: ${res.status} ${await res.text()}`);
      if (i === 0) firstId = ((await res.json()) as { instance: { id: string } }).instance.id;
    }
    // Measure with every instance sampled, as an operator would see the fleet.
    await waitUntil(
      async () => {
        const body = (await (await api("/api/instances", token)).json()) as { instances: Array<{ health: { source?: string } }> };
        const sampled = body.instances.filter((e) => e.health.source === "sampler").length;
        return (body.instances.length === instances && sampled === instances) || `${sampled} of ${body.instances.length} sampled`;
      },
      { timeoutMs: 120_000, intervalMs: 1_000, what: "the sampler to cover every instance" },
    );

    trivial = await trivialServer();
    const auth = { authorization: `Bearer ${token}` };
    const load = async (url: string, headers?: Record<string, string>) => {
      // Warm the route (first import, caches) so the window measures the steady state.
      for (let i = 0; i < 20; i++) await (await fetch(url, { headers })).arrayBuffer();
      return autocannon(url, { seconds, connections, headers });
    };
    progress(`autocannon ${seconds} s × 4 (${connections} connections)…`);
    const http: Record<string, HttpLoad> = {
      trivialNode: await load(`http://127.0.0.1:${trivial.port}/`),
      probeCatalog: await load(`${BASE}/api/probes`, auth),
      fleetList: await load(`${BASE}/api/instances`, auth),
      health: await load(`${BASE}/api/instances/${firstId}/health`, auth),
    };
    for (const [name, r] of Object.entries(http)) if (r.non2xx || r.errors) throw new Error(`${name}: ${r.non2xx} non-2xx, ${r.errors} errors`);

    progress("Chromium: fleet page…");
    browser = await chromium.launch({ executablePath: process.env.REDLINE_CHROMIUM ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
    const page = await browser.newPage();
    await page.goto(`${BASE}/login`);
    await page.getByLabel("Username").fill("admin");
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByTestId("signed-in-user").waitFor();
    const fleetMs: number[] = [];
    const formMs: number[] = [];
    // Alternate, first run of each discarded (compiles nothing in production, but warms the OS caches).
    for (let i = 0; i <= pageRuns; i++) {
      const f = await timeUntil(page, `${BASE}/`, async () => {
        const rows = await page.locator("tbody tr").count();
        return (rows === instances && (await page.getByText(`${instances} instances`).count()) > 0) || `${rows} rows`;
      });
      const n = await timeUntil(page, `${BASE}/instances/new`, async () => (await page.getByRole("button", { name: "Save" }).count()) > 0 || "no form yet");
      if (i > 0) {
        fleetMs.push(f);
        formMs.push(n);
      }
    }
    const fleetPage = round(median(fleetMs), 0);
    const formPage = round(median(formMs), 0);

    const fleetJs = js.find((r) => r.route === "/")!;
    const maxJs = js.reduce((a, r) => (r.gzipBytes > a.gzipBytes ? r : a));
    const kb = (b: number) => round(b / 1024, 1);
    const rps = (m: string, r: HttpLoad, target?: string): SummaryRow => ({
      metric: `${m} req/s (${connections} conn)`,
      value: r.requestsPerSec,
      unit: "req/s",
      reference: { name: "/api/probes", value: http.probeCatalog!.requestsPerSec },
      ratio: ratio(r.requestsPerSec, http.probeCatalog!.requestsPerSec),
      ...(target ? { target } : {}),
      note: `vs trivial Node server: ${ratio(r.requestsPerSec, http.trivialNode!.requestsPerSec, 3)}×`,
    });
    const p99 = (m: string, r: HttpLoad): SummaryRow => ({
      metric: `${m} p99`,
      value: r.latencyMs.p99,
      unit: "ms",
      reference: { name: "/api/probes", value: http.probeCatalog!.latencyMs.p99 },
      ratio: ratio(r.latencyMs.p99, http.probeCatalog!.latencyMs.p99),
    });
    const summary: SummaryRow[] = [
      {
        metric: `GET /api/probes req/s (${connections} conn)`,
        value: http.probeCatalog!.requestsPerSec,
        unit: "req/s",
        reference: { name: "trivial Node http", value: http.trivialNode!.requestsPerSec },
        ratio: ratio(http.probeCatalog!.requestsPerSec, http.trivialNode!.requestsPerSec, 3),
      },
      rps(`GET /api/instances (${instances})`, http.fleetList!),
      p99(`GET /api/instances (${instances})`, http.fleetList!),
      rps("GET /api/instances/:id/health", http.health!),
      p99("GET /api/instances/:id/health", http.health!),
      {
        metric: `fleet page complete (${instances} rows)`,
        value: fleetPage,
        unit: "ms",
        reference: { name: "/instances/new form", value: formPage },
        ratio: ratio(fleetPage, formPage),
      },
      { metric: "first-load JS /", value: kb(fleetJs.gzipBytes), unit: "KiB gz", reference: { name: "framework", value: kb(framework.gzipBytes) }, ratio: ratio(fleetJs.gzipBytes, framework.gzipBytes) },
      { metric: `first-load JS max (${maxJs.route})`, value: kb(maxJs.gzipBytes), unit: "KiB gz", reference: { name: "framework", value: kb(framework.gzipBytes) }, ratio: ratio(maxJs.gzipBytes, framework.gzipBytes) },
    ];
    return {
      params: { instances, redisServers: servers, seconds, connections, pageRuns, port: PORT },
      summary,
      details: { buildMs, http, pages: { fleetMs: fleetMs.map((v) => Math.round(v)), newInstanceFormMs: formMs.map((v) => Math.round(v)) }, firstLoadJs: { framework, routes: js } },
    };
  } finally {
    await browser?.close().catch(() => {});
    trivial?.stop();
    if (next) stopGroup(next);
    await stopAll();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
