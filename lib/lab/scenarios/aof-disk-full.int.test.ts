// The aof-disk-full scenario on a real redis-server with its data dir on a 64 MB tmpfs: the
// filesystem is full, the AOF write failed, writes get MISCONF (the AOF text first, the RDB text
// once a snapshot failed too), reads still work, the stale temp files are in the dir, and stop()
// leaves no process, mount or folder. Skipped (never faked) where mounting is impossible.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { labCommand, stopAll, trackedPids, waitUntil } from "@/lib/lab";
import type { RunningAofDiskFull } from "./aof-disk-full";
import { aofDiskFullScenario } from "./aof-disk-full";
import { isMounted } from "./support/tmpfs-mount";
import { labProcessesSince, waitAllGone, type LabProcess } from "./support/scenario-processes";

const AOF_MISCONF = "MISCONF Errors writing to the AOF file: No space left on device";
const RDB_MISCONF = /^MISCONF Redis is configured to save RDB snapshots, but it's currently unable to persist to disk/;
const unavailable = await aofDiskFullScenario.unavailableReason();

function field(info: unknown, name: string): string | undefined {
  return new RegExp(`^${name}:(.*?)\\r?$`, "m").exec(String(info))?.[1];
}

describe.skipIf(unavailable !== null)("aof-disk-full scenario", () => {
  let running: RunningAofDiskFull;
  let procs: LabProcess[];
  let startMs = 0;

  beforeAll(async () => {
    const before = trackedPids();
    const t = Date.now();
    running = await aofDiskFullScenario.start({ size: "small" });
    startMs = Date.now() - t;
    procs = labProcessesSince(before);
  }, 60_000);

  afterAll(() => stopAll());

  it("fills the data filesystem and refuses writes with the AOF MISCONF error", async () => {
    console.log(`aof-disk-full started in ${startMs} ms`, running.notes);
    const node = running.instances[0];
    expect(running.refusal.error).toBe(AOF_MISCONF);
    await expect(labCommand(node, ["SET", "probe", "1"])).rejects.toThrow(AOF_MISCONF);
    expect(await labCommand(node, ["GET", "blob:0"])).toHaveLength(4096); // reads are still served

    const info = await labCommand(node, ["INFO", "persistence"]);
    expect(field(info, "aof_last_write_status")).toBe("err");
    expect(field(info, "aof_last_bgrewrite_status")).toBe("err");
    expect(field(info, "rdb_last_bgsave_status")).toBe("ok");

    const disk = fs.statfsSync(running.dataDir);
    expect(disk.bavail * disk.bsize).toBeLessThan(1_048_576);
  }, 10_000);

  it("has the stale temp files of earlier interrupted rewrites and saves in the dir", () => {
    const top = fs.readdirSync(running.dataDir);
    expect(top.some((f) => /^temp-rewriteaof-bg-\d+\.aof$/.test(f))).toBe(true);
    expect(top.some((f) => /^temp-rewriteaof-\d+\.aof$/.test(f))).toBe(true);
    expect(top.some((f) => /^temp-\d+\.rdb$/.test(f))).toBe(true);
    expect(fs.readdirSync(path.join(running.dataDir, "appendonlydir"))).toContain("temp-appendonly.aof.incr");
    const staleBytes = running.stale.reduce((sum, f) => sum + fs.statSync(path.join(running.dataDir, f.path)).size, 0);
    expect(staleBytes).toBeGreaterThan(16 * 1_048_576);
  });

  it("switches to the RDB MISCONF error once a snapshot fails too", async () => {
    const node = running.instances[0];
    // SCHEDULE: a retried AOF rewrite may be running; a snapshot already running fails the same way.
    await labCommand(node, ["BGSAVE", "SCHEDULE"]).catch((err: Error) => {
      if (!/already in progress/i.test(err.message)) throw err;
    });
    await waitUntil(
      async () => field(await labCommand(node, ["INFO", "persistence"]), "rdb_last_bgsave_status") === "err" || "bgsave not failed yet",
      { timeoutMs: 10_000, what: "the snapshot to fail" },
    );
    await expect(labCommand(node, ["SET", "probe", "1"])).rejects.toThrow(RDB_MISCONF);
  }, 15_000);

  it("stop() leaves no process, mount or folder", async () => {
    expect(procs).toHaveLength(1);
    const { dataDir } = running;
    await running.stop();
    await waitAllGone(procs);
    expect(await isMounted(dataDir)).toBe(false);
    expect(fs.existsSync(path.dirname(dataDir))).toBe(false);
  }, 20_000);
});
