// Test and soak helper: a production Redline (`next start` over the current .next build) as a child
// process on a free port with its own data dir, held by PID: started, killed with SIGKILL (a crash),
// restarted on the same port and data dir, stopped. Used by the crash, load and soak runs.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { findFreePort, waitUntil } from "@/lib/lab";

// The repository root: npm scripts and Playwright both run from it (import.meta is not usable here,
// Playwright loads this file as CommonJS).
const ROOT = process.env.REDLINE_ROOT ?? process.cwd();

export interface RedlineServer {
  url: string;
  dataDir: string;
  token: string;
  /** The current server process (changes on restart). */
  pid(): number;
  fetch(pathname: string, init?: { method?: string; body?: unknown }): Promise<Response>;
  /** SIGKILL: no shutdown handlers run, like a power cut of the process. */
  kill(): Promise<void>;
  restart(): Promise<void>;
  /** SIGTERM then SIGKILL; removes the data dir unless it was given. */
  stop(): Promise<void>;
  /** The server's log so far (stdout and stderr). */
  log(): string;
}

export interface RedlineServerOptions {
  env?: Record<string, string>;
  dataDir?: string;
  port?: number;
}

export async function startRedlineServer(opts: RedlineServerOptions = {}): Promise<RedlineServer> {
  if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) throw new Error("No production build: run `npx next build` first");
  const ownsDir = !opts.dataDir;
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "redline-server-"));
  const port = opts.port ?? (await findFreePort());
  const token = `srv-${randomBytes(16).toString("hex")}`;
  const url = `http://127.0.0.1:${port}`;
  const logFile = path.join(dataDir, "server.log");
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  const launch = async () => {
    const out = fs.openSync(logFile, "a");
    child = spawn(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "-H", "127.0.0.1", "-p", String(port)], {
      cwd: ROOT,
      stdio: ["ignore", out, out],
      env: {
        ...process.env,
        NODE_OPTIONS: "",
        REDLINE_DATA_DIR: dataDir,
        REDLINE_BOOTSTRAP_TOKEN: token,
        REDLINE_ADMIN_PASSWORD: `pw-${token}`,
        REDLINE_LOG_LEVEL: "warn",
        ...opts.env,
      },
    });
    fs.closeSync(out);
    const c = child;
    exited = new Promise((resolve) => c.once("exit", () => resolve()));
    await waitUntil(
      async () => {
        if (c.exitCode !== null) throw new Error(`next start exited with ${c.exitCode}:\n${server.log().slice(-3000)}`);
        return fetch(`${url}/api/probes`, { headers: { authorization: `Bearer ${token}` } }).then(
          (r) => (r.ok ? true : `status ${r.status}`),
          (e: Error) => e.message,
        );
      },
      { timeoutMs: 60_000, intervalMs: 100, what: `Redline on ${url}` },
    );
  };

  const signal = async (sig: NodeJS.Signals) => {
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    c.kill(sig);
    await exited;
  };

  const server: RedlineServer = {
    url,
    dataDir,
    token,
    pid: () => child?.pid ?? -1,
    fetch(pathname, init = {}) {
      return fetch(`${url}${pathname}`, {
        method: init.method ?? (init.body === undefined ? "GET" : "POST"),
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json", origin: url },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
    },
    kill: () => signal("SIGKILL"),
    async restart() {
      await signal("SIGKILL");
      await launch();
    },
    async stop() {
      const c = child;
      if (c && c.exitCode === null && c.signalCode === null) {
        c.kill("SIGTERM");
        const timer = setTimeout(() => c.kill("SIGKILL"), 5_000);
        await exited;
        clearTimeout(timer);
      }
      if (ownsDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
    log: () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8") : ""),
  };
  try {
    await launch();
  } catch (err) {
    await server.stop();
    throw err;
  }
  return server;
}
