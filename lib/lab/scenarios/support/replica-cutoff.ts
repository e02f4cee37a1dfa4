// One replica stall, measured from the master's side: the replica is SIGSTOPped for a while (a
// node under memory pressure, a long GC-like pause), then resumed; the master's log and counters
// say whether it dropped the link and why, and whether the replica got a partial or a full resync.
import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { labCommand } from "../../lab-client";
import type { RedisProcess } from "../../redis-process";
import { waitUntil } from "../../wait-until";

export interface Cutoff {
  at: string;
  freezeMs: number;
  /** Why the master closed the replica's link, from its log. */
  droppedBy: "repl-timeout" | "output-buffer-limit" | "link lost" | "not dropped";
  resync: "full" | "partial" | "none";
  /** Offset the replica asked to continue from (PSYNC), when the master refused it. */
  requestedOffset?: number;
  /** master_repl_offset right after the replica resumed. */
  masterOffset?: number;
  gapBytes?: number;
  /** From resuming the replica to its link being up again. */
  recoveryMs: number;
}

export interface SyncCounters {
  syncFull: number;
  syncPartialOk: number;
  syncPartialErr: number;
}

export interface CutoffControl {
  freezeMs: number;
  /** A pause that stop() can cut short. */
  sleep(ms: number): Promise<void>;
  stopped(): boolean;
}

const RECOVERY_TIMEOUT_MS = 20_000;

function infoField(info: string, name: string): string | undefined {
  return new RegExp(`^${name}:(.*?)\\r?$`, "m").exec(info)?.[1];
}

export async function syncCounters(master: RedisProcess): Promise<SyncCounters> {
  const stats = String(await labCommand(master, ["INFO", "stats"]));
  const n = (name: string) => Number(infoField(stats, name) ?? 0);
  return { syncFull: n("sync_full"), syncPartialOk: n("sync_partial_ok"), syncPartialErr: n("sync_partial_err") };
}

/** Stalls the replica for control.freezeMs; resolves once it is back in sync. undefined if stopped meanwhile. */
export async function runCutoff(
  pair: { master: RedisProcess; replica: RedisProcess },
  control: CutoffControl,
): Promise<Cutoff | undefined> {
  const { master, replica } = pair;
  const logFile = path.join(master.dir, "redis.log");
  const logStart = (await fs.stat(logFile).catch(() => ({ size: 0 }))).size;
  const before = await syncCounters(master);
  const at = new Date().toISOString();
  replica.freeze();
  try {
    await control.sleep(control.freezeMs);
  } finally {
    replica.thaw();
  }
  if (control.stopped()) return undefined;
  const resumedAt = Date.now();
  const masterOffset = Number(infoField(String(await labCommand(master, ["INFO", "replication"])), "master_repl_offset"));
  const dropped = (await readFrom(logFile, logStart)).includes("Connection with replica");
  await waitUntil(
    async () => {
      if (control.stopped()) return true; // stop() is waiting: no need to see the resync through
      const repl = String(await labCommand(replica, ["INFO", "replication"]));
      if (infoField(repl, "master_link_status") !== "up") return "replica link down";
      if (!dropped) return true;
      const now = await syncCounters(master);
      return now.syncFull > before.syncFull || now.syncPartialOk > before.syncPartialOk ? true : "waiting for the resync";
    },
    { timeoutMs: RECOVERY_TIMEOUT_MS, intervalMs: 100, what: `replica ${replica.port} to resync after a ${control.freezeMs} ms stall` },
  );
  if (control.stopped()) return undefined;
  const log = await readFrom(logFile, logStart);
  const after = await syncCounters(master);
  const requested = /for lack of backlog \(Replica request was: (\d+)\)/.exec(log)?.[1];
  return {
    at,
    freezeMs: control.freezeMs,
    droppedBy: /Disconnecting timedout replica/.test(log)
      ? "repl-timeout"
      : /overcoming of output buffer limits/.test(log)
        ? "output-buffer-limit"
        : dropped
          ? "link lost"
          : "not dropped",
    resync: after.syncFull > before.syncFull ? "full" : after.syncPartialOk > before.syncPartialOk ? "partial" : "none",
    requestedOffset: requested === undefined ? undefined : Number(requested),
    masterOffset,
    gapBytes: requested === undefined ? undefined : masterOffset - Number(requested),
    recoveryMs: Date.now() - resumedAt,
  };
}

async function readFrom(file: string, offset: number): Promise<string> {
  const handle = await fs.open(file, "r").catch(() => undefined);
  if (!handle) return "";
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(Math.max(0, size - offset));
    await handle.read(buffer, 0, buffer.length, offset);
    return buffer.toString("utf8");
  } finally {
    await handle.close();
  }
}
