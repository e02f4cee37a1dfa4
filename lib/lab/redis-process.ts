// One real redis-server as a child process we hold by PID: started on a free port in its own temp
// dir, awaited until it answers PING, and stoppable (gently or not) with its dir removed afterwards.
import "server-only";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { withLabClient } from "./lab-client";
import { findFreePort, releasePort } from "./ports";
import { isShuttingDown, register, trackDir, unregister, untrackDir, type TrackedProcess } from "./registry";
import { sleep, waitUntil } from "./wait-until";

export interface StartRedisOptions {
  /** Fixed port; by default a free one (with a free bus port when the args enable cluster mode). */
  port?: number;
  /** requirepass for the default user. */
  password?: string;
  /** Extra redis-server arguments, e.g. ["--maxclients", "50"]; they override the defaults. */
  args?: string[];
  /** Working dir; by default a fresh temp dir that stop() removes. A given dir is left in place. */
  dir?: string;
  replicaOf?: { host: string; port: number; password?: string };
  /** How long to wait for PONG (default 10 s). */
  readyTimeoutMs?: number;
}

export interface RedisProcess {
  host: "127.0.0.1";
  port: number;
  pid: number;
  dir: string;
  password?: string;
  /** SIGTERM, wait up to 5 s, then SIGKILL; removes an owned dir. Idempotent. */
  stop(): Promise<void>;
  /** SIGSTOP: the process stays up but answers nothing (a hung node). */
  freeze(): void;
  /** SIGCONT after freeze(). */
  thaw(): void;
  /** SIGKILL, like a crash: the dir (and its log) stays until stop(). */
  kill(): Promise<void>;
}

const REDIS_SERVER = process.env.REDLINE_REDIS_SERVER ?? "redis-server";

// Listeners told of every server once it answers (the e2e do-no-harm recorder attaches MONITOR).
// On globalThis: a spec and its support files may load this module twice.
const LISTENERS_KEY = Symbol.for("redline.lab.startListeners");
const startListeners: Set<(proc: RedisProcess) => void> = ((globalThis as unknown as Record<symbol, Set<(proc: RedisProcess) => void>>)[LISTENERS_KEY] ??= new Set());

/** Calls `listener` for each redis-server started from now on; returns the unsubscribe. */
export function onRedisStarted(listener: (proc: RedisProcess) => void): () => void {
  startListeners.add(listener);
  return () => startListeners.delete(listener);
}
const STOP_GRACE_MS = 5_000;
const PORT_ATTEMPTS = 3;

export async function startRedis(opts: StartRedisOptions = {}): Promise<RedisProcess> {
  assertNotShuttingDown();
  const ownsDir = opts.dir === undefined;
  // Sync on purpose: created and tracked in one tick, so an exit cannot fall in between and leak it.
  const dir = opts.dir ?? mkdtempSync(path.join(os.tmpdir(), "redline-lab-"));
  if (ownsDir) trackDir(dir);
  else await fs.mkdir(dir, { recursive: true });
  const withBusPort = isClusterEnabled(opts.args ?? []);
  // A port found free can be taken before redis binds it (another test worker); only an
  // auto-picked port may be retried, a fixed one is the caller's decision.
  const attempts = opts.port === undefined ? PORT_ATTEMPTS : 1;
  for (let attempt = 1; ; attempt++) {
    const port = opts.port ?? (await findFreePort({ withBusPort }));
    try {
      return await launch(opts, port, dir, ownsDir);
    } catch (err) {
      const retry = err instanceof PortInUseError && attempt < attempts;
      if (!retry) {
        if (ownsDir) await removeDir(dir);
        throw err;
      }
      // The taken port stays reserved here so it is not offered again. A half-started cluster
      // node may have written its nodes.conf with the old port.
      if (ownsDir) await fs.rm(path.join(dir, "nodes.conf"), { force: true });
    }
  }
}

class PortInUseError extends Error {}

async function launch(opts: StartRedisOptions, port: number, dir: string, ownsDir: boolean): Promise<RedisProcess> {
  const logFile = path.join(dir, "redis.log");
  await fs.rm(logFile, { force: true }); // a previous attempt's log would confuse the error tail
  const confFile = path.join(dir, "redis.conf");
  // Secrets go in a 0600 config file rather than argv, which anyone on the host can read with ps.
  await fs.writeFile(confFile, secretsConfig(opts), { mode: 0o600 });
  const argv = [
    confFile,
    ...["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    ...["--dir", dir, "--logfile", logFile, "--daemonize", "no"],
    ...(opts.replicaOf ? ["--replicaof", opts.replicaOf.host, String(opts.replicaOf.port)] : []),
    ...(opts.args ?? []),
  ];
  assertNotShuttingDown(); // the awaits above may have spanned a Ctrl-C
  const child = spawn(/*turbopackIgnore: true*/ REDIS_SERVER, argv, { detached: false, stdio: ["ignore", "ignore", "pipe"] });
  // Config errors are printed on stderr before the logfile is opened; keep the tail for errors.
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4_000)));
  const pid = child.pid ?? (await spawnFailure(child));

  let exited = false;
  const exit = new Promise<void>((resolve) => child.once("exit", () => ((exited = true), resolve())));
  const halt = async () => {
    if (exited) return;
    signal(pid, "SIGTERM");
    signal(pid, "SIGCONT"); // a frozen process would hold the SIGTERM pending forever
    await Promise.race([exit, sleep(STOP_GRACE_MS)]);
    if (!exited) signal(pid, "SIGKILL");
    await exit;
  };
  let stopping: Promise<void> | undefined;
  const tracked: TrackedProcess = {
    pid,
    stop: () =>
      (stopping ??= (async () => {
        await halt();
        if (ownsDir) await removeDir(dir);
        releasePort(port);
        unregister(tracked);
      })()),
  };
  // Registered with no await since spawn(), so a Ctrl-C during startup still cleans it up.
  register(tracked);

  const proc: RedisProcess = {
    host: "127.0.0.1",
    port,
    pid,
    dir,
    password: opts.password,
    stop: tracked.stop,
    // Guarded by `exited`: once reaped, the PID may belong to an unrelated process.
    freeze: () => void (exited || signal(pid, "SIGSTOP")),
    thaw: () => void (exited || signal(pid, "SIGCONT")),
    kill: async () => {
      if (!exited) signal(pid, "SIGKILL");
      await exit;
    },
  };

  const timeoutMs = opts.readyTimeoutMs ?? 10_000;
  try {
    await waitUntil(
      async () => {
        if (exited) return true; // reported below, with the log
        return withLabClient(proc, async (c) => {
          const reply = await c.ping();
          if (reply !== "PONG") return `reply ${String(reply)}`;
          // The port may have been taken by someone else between findFreePort and our bind.
          // (Args may rename or deny INFO; then PONG has to do.)
          const info = await c.call("INFO", "server").catch(() => null);
          const owner = info === null ? String(pid) : /^process_id:(\d+)/m.exec(String(info))?.[1];
          return owner === String(pid) ? true : `port ${port} answered by pid ${owner}, not ${pid}`;
        }, { connectTimeoutMs: 1_000, commandTimeoutMs: 1_000 });
      },
      { timeoutMs, what: `redis-server on port ${port} to answer PING` },
    );
    if (!exited) {
      for (const listener of startListeners) {
        try {
          listener(proc);
        } catch {
          // an observer must never break the lab
        }
      }
      return proc;
    }
  } catch (err) {
    await halt();
    unregister(tracked); // startRedis decides about the dir: it may retry in it
    throw new Error(`${(err as Error).message}\n--- ${logFile} (tail) ---\n${await logTail(logFile, stderr)}`);
  }
  unregister(tracked);
  const tail = await logTail(logFile, stderr);
  if (/Address already in use/i.test(tail)) throw new PortInUseError(`port ${port} is taken:\n${tail}`);
  throw new Error(`redis-server on port ${port} exited during startup (code ${child.exitCode}):\n${tail}`);
}

/** spawn() leaves pid undefined when the binary cannot run; the reason arrives as an 'error' event. */
function spawnFailure(child: ChildProcess): Promise<never> {
  return new Promise((_, reject) => {
    child.once("error", (err) => reject(new Error(`cannot run ${REDIS_SERVER}: ${err.message} (is redis-server installed?)`)));
  });
}

function assertNotShuttingDown(): void {
  if (isShuttingDown()) throw new Error("startRedis: the process is shutting down (SIGINT/SIGTERM)");
}

async function removeDir(dir: string): Promise<void> {
  await fs.rm(dir, { recursive: true, force: true, maxRetries: 3 });
  untrackDir(dir);
}

function secretsConfig(opts: StartRedisOptions): string {
  const lines: string[] = [];
  if (opts.password !== undefined) lines.push(`requirepass ${quote(opts.password)}`);
  if (opts.replicaOf?.password !== undefined) lines.push(`masterauth ${quote(opts.replicaOf.password)}`);
  return lines.join("\n") + "\n";
}

/** Redis config strings: double quotes with backslash escapes. */
function quote(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

function isClusterEnabled(args: string[]): boolean {
  const i = args.indexOf("--cluster-enabled");
  return i >= 0 && args[i + 1] === "yes";
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone: stop() and kill() are idempotent
  }
}

async function logTail(logFile: string, stderr: string, lines = 20): Promise<string> {
  const log = await fs.readFile(logFile, "utf8").catch(() => "");
  const text = [log, stderr].filter(Boolean).join("\n--- stderr ---\n");
  return text.trimEnd().split("\n").slice(-lines).join("\n") || "(no log output)";
}
