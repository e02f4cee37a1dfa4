// For scenario tests: which redis-server processes (and temp dirs) a scenario started, and a check
// that stop() really left none behind. The contract does not expose PIDs, so they come from the
// lab registry (new PIDs since a snapshot) and each dir from the process's working directory,
// which redis-server sets to its --dir.
import "server-only";
import fs from "node:fs";
import { trackedPids } from "../../registry";
import { waitUntil } from "../../wait-until";

export interface LabProcess {
  pid: number;
  dir: string;
}

/** Processes tracked now that were not in `before` (Linux: reads /proc/<pid>/cwd). */
export function labProcessesSince(before: number[]): LabProcess[] {
  const known = new Set(before);
  return trackedPids()
    .filter((pid) => !known.has(pid))
    .map((pid) => ({ pid, dir: fs.readlinkSync(`/proc/${pid}/cwd`) }));
}

/** The process exists (signal 0 checks without touching it). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Resolves once every PID is gone (a zombie may linger a moment) and every dir removed. */
export function waitAllGone(procs: LabProcess[], timeoutMs = 5_000): Promise<void> {
  return waitUntil(
    async () => {
      const left = procs.filter((p) => isAlive(p.pid) || fs.existsSync(p.dir));
      return left.length === 0 ? true : `still there: ${left.map((p) => `${p.pid} ${p.dir}`).join(", ")}`;
    },
    { timeoutMs, intervalMs: 100, what: "the scenario's processes and dirs to be gone" },
  );
}
