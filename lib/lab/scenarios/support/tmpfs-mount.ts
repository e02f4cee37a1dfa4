// A small filesystem of its own for a scenario's data dir, so "disk full" is a real ENOSPC that
// redis-server hits, without filling the machine's disk. tmpfs needs no loop device or mkfs and
// behaves like any full volume (df 100 %, writes fail); it is mounted in the host's namespace so
// the files stay visible to an operator's `ls`/`df` (and to tests), and unmounted on stop or exit.
import "server-only";
import { mkdtempSync, rmSync } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { trackDir, untrackDir } from "../../registry";
import { onProcessExit } from "./exit-cleanup";
import { isRoot, runSystemCommand, runSystemCommandSync } from "./system-command";

/** The mount's source name in /proc/mounts, so a leftover is easy to recognise. */
export const TMPFS_SOURCE = "redline-lab";

export interface TmpfsMount {
  /** The mounted dir (empty at start). */
  dir: string;
  sizeMb: number;
  /** Unmounts (lazily if busy) and removes the dir. Idempotent. */
  unmount(): Promise<void>;
}

/** null when this process can mount a tmpfs; otherwise why not. Mounts and removes a 1 MB probe. */
export async function tmpfsUnavailableReason(): Promise<string | null> {
  if (!isRoot()) return "needs root to mount a small tmpfs as the data dir (run as root, or skip this scenario)";
  let probe: TmpfsMount | undefined;
  try {
    probe = await mountTmpfs(1);
    return null;
  } catch (err) {
    return `cannot mount a tmpfs: ${(err as Error).message}`;
  } finally {
    await probe?.unmount();
  }
}

export async function mountTmpfs(sizeMb: number): Promise<TmpfsMount> {
  // Sync and tracked at once, like startRedis's dirs: an exit in between must not leak it.
  const parent = mkdtempSync(path.join(os.tmpdir(), "redline-lab-disk-"));
  trackDir(parent);
  const dir = path.join(parent, "data");
  const forget = onProcessExit(() => {
    runSystemCommandSync("umount", ["-l", dir]);
    rmSync(parent, { recursive: true, force: true });
  });
  let unmounting: Promise<void> | undefined;
  const unmount = () =>
    (unmounting ??= (async () => {
      if (await isMounted(dir)) {
        // A lazy unmount detaches it even if a dying process still holds a file open.
        await runSystemCommand("umount", [dir]).catch(() => runSystemCommand("umount", ["-l", dir]));
      }
      await fs.rm(parent, { recursive: true, force: true, maxRetries: 3 });
      untrackDir(parent);
      forget();
    })());
  try {
    await fs.mkdir(dir);
    await runSystemCommand("mount", ["-t", "tmpfs", "-o", `size=${sizeMb}m,mode=0755`, TMPFS_SOURCE, dir]);
  } catch (err) {
    await unmount();
    throw err;
  }
  return { dir, sizeMb, unmount };
}

/** Whether a path is a mount point, from /proc/mounts (octal escapes for spaces and such). */
export async function isMounted(dir: string): Promise<boolean> {
  const mounts = await fs.readFile("/proc/mounts", "utf8").catch(() => "");
  return mounts
    .split("\n")
    .map((line) => line.split(" ")[1]?.replace(/\\(\d{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8))))
    .includes(dir);
}
