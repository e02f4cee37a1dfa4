// Incident 9, disk full during AOF rewrite: the data dir is a small filesystem of its own (a tmpfs,
// mounted as root), AOF is on (everysec) next to RDB snapshots, and stale temp files of earlier
// interrupted rewrites and saves take a good part of it (Redis 7 names: temp-rewriteaof-bg-<pid>.aof,
// temp-rewriteaof-<pid>.aof, temp-<pid>.rdb, and appendonlydir/temp-appendonly.aof.incr;
// CORRECTIONS #9). A writer fills the rest: automatic AOF rewrites fail with ENOSPC
// (aof_last_bgrewrite_status:err), then the AOF write itself fails (aof_last_write_status:err)
// and Redis refuses writes with "MISCONF Errors writing to the AOF file: No space left on device".
// Once a snapshot fails too (rdb_last_bgsave_status:err), the refusal becomes the RDB MISCONF text.
import "server-only";
import { startRedis } from "../redis-process";
import type { RunningScenario, Scenario, ScenarioInstance, ScenarioStartOptions } from "./scenario";
import { LoadGroup } from "./support/load-group";
import { compactAof, fillUntilRefused, loadRandomDataset, waitForSettledDiskError } from "./support/disk-filler";
import { labCommand } from "../lab-client";
import { plantStaleTempFiles, type PlantedFile } from "./support/stale-temp-files";
import { mountTmpfs, tmpfsUnavailableReason, type TmpfsMount } from "./support/tmpfs-mount";

export interface AofDiskFullOptions extends ScenarioStartOptions {
  /** Size of the data filesystem. Default 64 MB. */
  diskMb?: number;
  /**
   * Dataset loaded (and compacted into the AOF base) before the stale files are planted; random,
   * incompressible values. Default diskMb / 6: then the automatic rewrite at 100 % growth needs
   * more space than is left, and fails, before the AOF itself runs out.
   */
  datasetMb?: number;
  /** Plant stale temp files of earlier interrupted rewrites/saves (about 2.3× the dataset). Default true. */
  staleFiles?: boolean;
  /** Writer rate in KB/s until the disk is full (and after, against MISCONF). Default 4096. */
  writeRateKBps?: number;
  valueBytes?: number;
  /** `save <saveSeconds> 1`: the next snapshot after the disk filled fails too. Default 60. */
  saveSeconds?: number;
  /** auto-aof-rewrite-min-size, so rewrites start (and fail) while filling. Default diskMb / 8. */
  aofRewriteMinSizeMb?: number;
}

export interface RunningAofDiskFull extends RunningScenario {
  /** The mounted data dir (redis-server's --dir). */
  dataDir: string;
  stale: PlantedFile[];
  /** The first refused write's error, verbatim, and when. */
  refusal: { error: string; afterMs: number; bytesWritten: number };
}

export const aofDiskFullScenario: Omit<Scenario<AofDiskFullOptions>, "start"> & {
  start(options?: AofDiskFullOptions): Promise<RunningAofDiskFull>;
} = {
  id: "aof-disk-full",
  title: "Disk full during AOF rewrite: writes refused with MISCONF",
  description:
    "The data dir is a 64 MB filesystem with AOF (everysec) and RDB snapshots on, a third of it taken by temp files of " +
    "earlier interrupted rewrites and saves. A writer fills the rest: AOF rewrites fail, then the AOF write itself, and " +
    "Redis refuses every write with MISCONF.",
  unavailableReason: tmpfsUnavailableReason,
  start: startAofDiskFull,
};

async function startAofDiskFull(opts: AofDiskFullOptions = {}): Promise<RunningAofDiskFull> {
  const unavailable = await tmpfsUnavailableReason();
  if (unavailable) throw new Error(`aof-disk-full is unavailable here: ${unavailable}`);
  const diskMb = opts.diskMb ?? 64;
  const saveSeconds = opts.saveSeconds ?? 60;
  const mount: TmpfsMount = await mountTmpfs(diskMb);
  let load: LoadGroup | undefined;
  let stopRedis: () => Promise<void> = async () => {};
  let labCommandIfUp: (argv: string[]) => Promise<void> = async () => {};
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await load?.stop().catch(() => {});
      // On SIGTERM Redis saves first; on a full disk that fails and it refuses to exit (the lab
      // would wait 5 s and SIGKILL). Without save points it exits at once.
      await labCommandIfUp(["CONFIG", "SET", "save", ""]);
      await stopRedis().catch(() => {});
      await mount.unmount();
    })());
  try {
    const args = [
      ...["--appendonly", "yes", "--appendfsync", "everysec", "--appenddirname", "appendonlydir"],
      ...["--save", `${saveSeconds} 1`, "--stop-writes-on-bgsave-error", "yes"],
      ...["--auto-aof-rewrite-percentage", "100", "--auto-aof-rewrite-min-size", `${opts.aofRewriteMinSizeMb ?? Math.max(1, Math.round(diskMb / 8))}mb`],
    ];
    const node = await startRedis({ password: opts.password, dir: mount.dir, args });
    stopRedis = node.stop;
    const instances: ScenarioInstance[] = [{ name: `${opts.namePrefix ?? "lab"}-aof-disk-full`, host: node.host, port: node.port, password: opts.password, mode: "standalone", role: "master" }];
    opts.onInstances?.(instances);
    labCommandIfUp = (argv) => labCommand(node, argv, { password: opts.password, connectTimeoutMs: 500, commandTimeoutMs: 1_000 }).then(() => {}, () => {});
    const endpoint = { host: node.host, port: node.port, password: opts.password };
    load = new LoadGroup(endpoint);
    const valueBytes = opts.valueBytes ?? 4096;
    const dataset = await loadRandomDataset(load, { bytes: (opts.datasetMb ?? diskMb / 6) * 1_048_576, valueBytes });
    await compactAof(endpoint);
    const stale = opts.staleFiles === false ? [] : await plantStaleTempFiles(endpoint, mount.dir);
    const refusal = await fillUntilRefused(load, { valueBytes, writeRateKBps: opts.writeRateKBps ?? 4096, firstKey: dataset.keys });
    const settled = await waitForSettledDiskError(async () => String(await labCommand(endpoint, ["INFO", "persistence"])));
    const status = (name: string) => new RegExp(`^${name}:(\\w+)`, "m").exec(settled)?.[1];
    const notes = [
      `data dir ${mount.dir}: tmpfs of ${diskMb} MB; appendonly yes (everysec), save "${saveSeconds} 1", stop-writes-on-bgsave-error yes`,
      `dataset: ${dataset.keys} keys of ${valueBytes} random bytes`,
      `stale temp files: ${stale.map((f) => `${f.path} (${(f.bytes / 1_048_576).toFixed(1)} MB)`).join(", ")}`,
      `writes refused after ${(refusal.afterMs / 1000).toFixed(1)} s and ${(refusal.bytesWritten / 1_048_576).toFixed(1)} MB: ${refusal.error}`,
      `aof_last_write_status:${status("aof_last_write_status")}, aof_last_bgrewrite_status:${status("aof_last_bgrewrite_status")} ` +
        `(${status("aof_rewrites_consecutive_failures")} failed rewrites in a row), rdb_last_bgsave_status:${status("rdb_last_bgsave_status")}; ` +
        `the next scheduled snapshot (save ${saveSeconds} 1) fails too and the refusal becomes the RDB MISCONF text`,
    ];
    return {
      id: aofDiskFullScenario.id,
      instances,
      notes,
      dataDir: mount.dir,
      stale,
      refusal,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
