// Leftovers of earlier interrupted persistence, planted in a Redis 7 data dir: what a crash or an
// OOM kill in the middle of a rewrite or a save leaves behind, with the names Redis 7.0 really
// uses (seen in a live rewrite): the rewrite child's temp-rewriteaof-<pid>.aof (killed mid-write),
// temp-rewriteaof-bg-<pid>.aof (finished, parent died before the rename), a BGSAVE's
// temp-<pid>.rdb, and appendonlydir/temp-appendonly.aof.incr (AOF switched on at runtime). Their
// bytes are a real snapshot of this server's data (the rewrite output starts with an RDB preamble)
// or real AOF commands; their mtimes are hours old. The pids are of processes long gone.
import "server-only";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { labCommand, type LabEndpoint } from "../../lab-client";
import { waitUntil } from "../../wait-until";

export interface PlantedFile {
  /** Relative to the data dir. */
  path: string;
  bytes: number;
  mtime: Date;
}

export interface StaleFilesOptions {
  appendDirName?: string;
  /** Oldest file's age; the others are younger. Default 26 h. */
  oldestAgeHours?: number;
}

/** Takes a BGSAVE of the current data and plants the leftovers next to it. */
export async function plantStaleTempFiles(endpoint: LabEndpoint, dir: string, opts: StaleFilesOptions = {}): Promise<PlantedFile[]> {
  const snapshot = await freshSnapshot(endpoint, dir);
  const oldest = opts.oldestAgeHours ?? 26;
  const plan: Array<{ path: string; bytes: Buffer; ageHours: number }> = [
    { path: `temp-rewriteaof-bg-${deadPid()}.aof`, bytes: snapshot, ageHours: oldest },
    { path: `temp-rewriteaof-${deadPid()}.aof`, bytes: snapshot.subarray(0, Math.floor(snapshot.length * 0.7)), ageHours: oldest / 2 },
    { path: `temp-${deadPid()}.rdb`, bytes: snapshot.subarray(0, Math.floor(snapshot.length * 0.5)), ageHours: oldest / 8 },
    { path: path.join(opts.appendDirName ?? "appendonlydir", "temp-appendonly.aof.incr"), bytes: aofCommands(snapshot.length * 0.15), ageHours: oldest / 2 },
  ];
  const planted: PlantedFile[] = [];
  for (const file of plan) {
    const full = path.join(dir, file.path);
    await fs.writeFile(full, file.bytes);
    const mtime = new Date(Date.now() - file.ageHours * 3_600_000);
    await fs.utimes(full, mtime, mtime);
    planted.push({ path: file.path, bytes: file.bytes.length, mtime });
  }
  return planted;
}

/** BGSAVE SCHEDULE (an AOF rewrite may be running) and the resulting dump.rdb's bytes. */
async function freshSnapshot(endpoint: LabEndpoint, dir: string): Promise<Buffer> {
  const dump = path.join(dir, "dump.rdb");
  await fs.rm(dump, { force: true });
  await labCommand(endpoint, ["BGSAVE", "SCHEDULE"]);
  await waitUntil(
    async () => {
      const info = String(await labCommand(endpoint, ["INFO", "persistence"]));
      const busy = /^(rdb_bgsave|aof_rewrite)_in_progress:1/m.test(info) || /^aof_rewrite_scheduled:1/m.test(info);
      if (busy) return "BGSAVE or AOF rewrite running";
      const saved = await fs.stat(dump).then(() => true, () => false);
      return saved ? true : "no dump.rdb yet";
    },
    { timeoutMs: 30_000, intervalMs: 100, what: "the snapshot" },
  );
  return fs.readFile(dump);
}

/** A pid no process has now, as the writer of a leftover from an earlier run would be. */
function deadPid(): number {
  for (;;) {
    const pid = 3_000 + Math.floor(Math.random() * 60_000);
    if (!existsSync(`/proc/${pid}`)) return pid;
  }
}

/** RESP-encoded SETs, as an incr AOF holds them, about `bytes` long. */
function aofCommands(bytes: number): Buffer {
  const parts: string[] = [];
  let size = 0;
  for (let n = 0; size < bytes; n++) {
    const key = `session:${n}`;
    const value = `${Date.now() - n * 1_000}:${"x".repeat(200)}`;
    const cmd = `*3\r\n$3\r\nSET\r\n$${key.length}\r\n${key}\r\n$${value.length}\r\n${value}\r\n`;
    parts.push(cmd);
    size += cmd.length;
  }
  return Buffer.from(parts.join(""));
}
