// `npm run demo`: checks prerequisites, builds Redline if needed, starts it with the incident lab on
// a fresh data dir, starts every lab scenario (large sizes) and registers their instances, then runs
// until Ctrl-C, which stops Redline and every redis-server the lab started.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";

const HOST = process.env.HOST ?? "127.0.0.1";
const PORT = Number(process.env.PORT ?? 3000);
const BASE = `http://${HOST}:${PORT}`;
const DATA_DIR = path.resolve(process.env.REDLINE_DATA_DIR ?? "data/demo");
const SIZE = process.env.REDLINE_DEMO_SIZE === "small" ? "small" : "large";
const root = path.resolve(__dirname, "..");
// The demo talks to its own server with a bootstrap (admin) token made for this run only, and sets
// the first admin's password so that the person running the demo can sign in.
const TOKEN = process.env.REDLINE_BOOTSTRAP_TOKEN ?? `demo-${randomBytes(24).toString("base64url")}`;
const ADMIN_PASSWORD = process.env.REDLINE_ADMIN_PASSWORD ?? randomBytes(12).toString("base64url");
const AUTH = { authorization: `Bearer ${TOKEN}` };

function step(msg: string) {
  console.log(`\n▶ ${msg}`);
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile() || e.parentPath.includes("node_modules")) continue;
    newest = Math.max(newest, fs.statSync(path.join(e.parentPath, e.name)).mtimeMs);
  }
  return newest;
}

function buildIfNeeded() {
  const buildId = path.join(root, ".next", "BUILD_ID");
  const built = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  const sources = Math.max(...["app", "components", "lib"].map((d) => newestMtime(path.join(root, d))));
  if (built > sources) return console.log("  the production build is up to date");
  const res = spawnSync("npx", ["next", "build"], { cwd: root, stdio: "inherit" });
  if (res.status !== 0) throw new Error("next build failed");
}

async function waitForServer(server: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`Redline exited with code ${server.exitCode}; see ${DATA_DIR}/server.log`);
    try {
      const res = await fetch(`${BASE}/api/lab`, { headers: AUTH });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`Redline did not answer on ${BASE} within ${timeoutMs / 1000} s`);
}

async function startScenario(id: string): Promise<string> {
  const started = Date.now();
  const res = await fetch(`${BASE}/api/lab/${id}/start`, { method: "POST", headers: { "content-type": "application/json", ...AUTH }, body: JSON.stringify({ size: SIZE }) });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (res.ok) return `  ✔ ${id} (${seconds} s)`;
  const problem = (await res.json().catch(() => ({}))) as { detail?: string };
  return `  ✗ ${id}: ${problem.detail ?? res.statusText}`;
}

/** Prints how many instances the fleet page shows, each time that number grows. */
function watchRegistrations(since: number): NodeJS.Timeout {
  let shown = 0;
  return setInterval(async () => {
    try {
      const fleet = (await (await fetch(`${BASE}/api/instances`, { headers: AUTH })).json()) as { instances: unknown[] };
      if (fleet.instances.length > shown) {
        shown = fleet.instances.length;
        console.log(`  ${shown} instances on the fleet page after ${((Date.now() - since) / 1000).toFixed(0)} s`);
      }
    } catch {
      // the server is busy starting scenarios; try again
    }
  }, 2000);
}

async function main() {
  step("Checking prerequisites");
  if (spawnSync("bash", [path.join(root, "scripts/doctor")], { stdio: "inherit" }).status !== 0) process.exit(1);

  step("Building Redline");
  buildIfNeeded();

  step(`Starting Redline on ${BASE} with a fresh data dir (${DATA_DIR})`);
  fs.rmSync(DATA_DIR, { recursive: true, force: true });
  fs.mkdirSync(DATA_DIR, { recursive: true });
  const log = fs.openSync(path.join(DATA_DIR, "server.log"), "a");
  const server = spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "start", "-H", HOST, "-p", String(PORT)], {
    cwd: root,
    env: { ...process.env, REDLINE_DATA_DIR: DATA_DIR, REDLINE_LAB: "1", NODE_OPTIONS: "", REDLINE_BOOTSTRAP_TOKEN: TOKEN, REDLINE_ADMIN_PASSWORD: ADMIN_PASSWORD },
    stdio: ["ignore", log, log],
  });
  let stopping = false;
  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log("\nStopping Redline and the lab…");
    server.once("exit", () => process.exit(code));
    server.kill("SIGTERM");
    setTimeout(() => server.kill("SIGKILL"), 15_000).unref();
  };
  process.on("SIGINT", () => stop(130));
  process.on("SIGTERM", () => stop(143));
  server.on("exit", (code) => {
    if (!stopping) {
      console.error(`Redline stopped unexpectedly (code ${code}); see ${DATA_DIR}/server.log`);
      process.exit(1);
    }
  });
  await waitForServer(server, 60_000);

  step(`Starting the incident lab (${SIZE} sizes); open ${BASE} to watch the fleet fill up`);
  const lab = (await (await fetch(`${BASE}/api/lab`, { headers: AUTH })).json()) as { scenarios: Array<{ id: string; status: string; reason?: string }> };
  const queue = lab.scenarios.filter((s) => s.status !== "unavailable").map((s) => s.id);
  for (const s of lab.scenarios.filter((s) => s.status === "unavailable")) console.log(`  – ${s.id}: not available here (${s.reason})`);
  // All at once: each scenario registers its instances as soon as its servers are up, so the whole
  // fleet is on the page within seconds while the fills (CPU-bound) drive each into its incident.
  const started = Date.now();
  const watcher = watchRegistrations(started);
  await Promise.all(queue.map(async (id) => console.log(await startScenario(id))));
  clearInterval(watcher);
  console.log(`\nRedline is running at ${BASE} (Lab page: ${BASE}/lab). Press Ctrl-C to stop everything.`);
  // The data dir is fresh, so this is the first admin's password (set from this run's value).
  console.log(`Sign in as admin with the password ${ADMIN_PASSWORD}`);
}

main().catch((err) => {
  console.error(`\n${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
