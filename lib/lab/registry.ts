// Every redis-server the lab starts, and every temp dir it creates, is tracked here so nothing
// outlives the Node process that made it: not on a thrown test, not on Ctrl-C, not on SIGTERM.
// (SIGKILL of Node itself cannot be caught; redis-servers then survive until killed by PID.)
import "server-only";
import fs from "node:fs";

export interface TrackedProcess {
  pid: number;
  /** Graceful stop: used by stopAll() and the signal handlers. Must be idempotent and unregister. */
  stop(): Promise<void>;
}

interface RegistryState {
  processes: Set<TrackedProcess>;
  /** Tracked apart from processes: a dir exists before its process is spawned and after it exits. */
  dirs: Set<string>;
  handlersInstalled: boolean;
  /** Set on SIGINT/SIGTERM: starts still in flight must not create new processes or dirs. */
  shuttingDown: boolean;
}

// On globalThis: vitest re-evaluates modules per test file inside one worker, and a second copy
// of these sets would hide processes from the exit handler installed by the first.
const KEY = Symbol.for("redline.lab.registry");
const globalStore = globalThis as unknown as Record<symbol, RegistryState | undefined>;
const state: RegistryState = (globalStore[KEY] ??= {
  processes: new Set(),
  dirs: new Set(),
  handlersInstalled: false,
  shuttingDown: false,
});

export function register(entry: TrackedProcess): void {
  installHandlers();
  state.processes.add(entry);
}

export function unregister(entry: TrackedProcess): void {
  state.processes.delete(entry);
}

/** A temp dir the lab owns: removed at exit if still there. */
export function trackDir(dir: string): void {
  installHandlers();
  state.dirs.add(dir);
}

export function untrackDir(dir: string): void {
  state.dirs.delete(dir);
}

export function isShuttingDown(): boolean {
  return state.shuttingDown;
}

/** Processes still running (or not yet cleaned up), for diagnostics and tests. */
export function trackedPids(): number[] {
  return [...state.processes].map((t) => t.pid);
}

/** Stops every tracked process gracefully; each stop() removes that process's own dir. */
export async function stopAll(): Promise<void> {
  await Promise.allSettled([...state.processes].map((t) => t.stop()));
}

/** Last resort on process exit: only synchronous work is possible here, so SIGKILL and rmSync. */
function killAllSync(): void {
  const pids = [...state.processes].map((t) => t.pid);
  for (const pid of pids) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  state.processes.clear();
  // A redis-server still dying (e.g. mid-shutdown after the terminal's SIGINT) can create files
  // while its dir is being emptied, and the dir would stay behind: wait for it to be dead first.
  waitDeadSync(pids, 2_000);
  for (const dir of state.dirs) {
    try {
      fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3, retryDelay: 10 });
    } catch {
      // never throw from an exit handler; the dir is under os.tmpdir()
    }
  }
  state.dirs.clear();
}

/** Dead = gone or a zombie (we cannot reap it from an exit handler). Linux /proc; elsewhere a short pause. */
function waitDeadSync(pids: number[], timeoutMs: number): void {
  const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  if (!fs.existsSync("/proc/self/stat")) return void pause(100);
  const deadline = Date.now() + timeoutMs;
  while (pids.some(isRunning) && Date.now() < deadline) pause(10);
}

function isRunning(pid: number): boolean {
  try {
    // The state letter follows the ")" closing the command name.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(")") + 2));
  } catch {
    return false;
  }
}

function onSignal(signal: NodeJS.Signals, exitCode: number): void {
  process.once(signal, () => {
    // A second Ctrl-C while stopping exits at once; the exit handler still SIGKILLs the rest.
    process.once(signal, () => process.exit(exitCode));
    state.shuttingDown = true;
    void stopAll().finally(() => process.exit(exitCode));
  });
}

function installHandlers(): void {
  if (state.handlersInstalled) return;
  state.handlersInstalled = true;
  process.on("exit", killAllSync);
  onSignal("SIGINT", 130);
  onSignal("SIGTERM", 143);
}
