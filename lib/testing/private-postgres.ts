// Test helper: a private PostgreSQL cluster in a temp dir on a free port, so a test may stop, kill
// and restart it without touching the shared server on 5432. initdb refuses root, so the cluster is
// owned by the `postgres` user; the server is held by the PID in its postmaster.pid and stopped by it.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { findFreePort, waitUntil } from "@/lib/lab";
import { isAlive } from "@/lib/lab/scenarios/support/scenario-processes";

const BIN = process.env.REDLINE_PG_BIN ?? "/usr/lib/postgresql/15/bin";
const asPostgres = (cmd: string, args: string[]) => (process.getuid?.() === 0 ? ["runuser", ["-u", "postgres", "--", cmd, ...args]] : [cmd, args]) as [string, string[]];

export interface PrivatePostgres {
  port: number;
  url: string;
  /** Starts (or restarts) the server on the same port and data dir; resolves once it accepts connections. */
  start(): Promise<void>;
  /** Fast shutdown (SIGINT), waited for. */
  stop(): Promise<void>;
  /** Stops the server if running and removes the cluster. */
  destroy(): Promise<void>;
}


export async function createPrivatePostgres(): Promise<PrivatePostgres> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "redline-pg-"));
  const dataDir = path.join(root, "data");
  fs.chmodSync(root, 0o755);
  fs.mkdirSync(dataDir, { mode: 0o700 });
  if (process.getuid?.() === 0) execFileSync("chown", ["-R", "postgres:postgres", root]);
  const [cmd, args] = asPostgres(path.join(BIN, "initdb"), ["-D", dataDir, "--auth=trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]);
  execFileSync(cmd, args, { stdio: "ignore" });
  const port = await findFreePort();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let pid: number | undefined;

  const pg_ = {
    port,
    url,
    async start() {
      const [c, a] = asPostgres(path.join(BIN, "postgres"), ["-D", dataDir, "-p", String(port), "-k", root, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"]);
      const child = spawn(c, a, { stdio: "ignore", detached: false });
      child.unref();
      await waitUntil(
        async () => {
          const c2 = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
          try {
            await c2.connect();
            await c2.query("select 1");
            return true;
          } catch (err) {
            return (err as Error).message;
          } finally {
            await c2.end().catch(() => {});
          }
        },
        { timeoutMs: 20_000, intervalMs: 100, what: `private PostgreSQL on ${port}` },
      );
      pid = Number(fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    },
    async stop() {
      if (pid === undefined) return;
      const p = pid;
      pid = undefined;
      try {
        process.kill(p, "SIGINT");
      } catch {
        return;
      }
      await waitUntil(async () => !isAlive(p) || "still running", { timeoutMs: 20_000, intervalMs: 50, what: `PostgreSQL ${p} to stop` });
    },
    async destroy() {
      await pg_.stop();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
  return pg_;
}
