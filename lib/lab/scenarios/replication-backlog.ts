// Incident 2, replication backlog overflow: a master with a small repl-backlog-size under a
// sustained write stream, and a replica that stalls (SIGSTOP: a node under memory pressure) for
// longer than the backlog covers. The master drops the stalled link (repl-timeout), the replica
// comes back asking to continue from an offset that fell out of the backlog, and gets a full
// resync instead: sync_full and sync_partial_err grow on the master, cut-off after cut-off.
import "server-only";
import { startReplicaPair } from "../topologies";
import type { RunningScenario, Scenario, ScenarioInstance, ScenarioStartOptions } from "./scenario";
import { LoadGroup } from "./support/load-group";
import { runCutoff, syncCounters, type Cutoff } from "./support/replica-cutoff";
import { startStreamWriter } from "./support/stream-writer";

export interface ReplicationBacklogOptions extends ScenarioStartOptions {
  /** repl-backlog-size (Redis minimum 16kb). Default "1mb", Redis's own default. */
  backlogSize?: string;
  /** Write stream to the master in KB/s (SETs of valueBytes). Default 2048. */
  writeRateKBps?: number;
  valueBytes?: number;
  /** Keys the writer cycles over: the dataset (and each full resync's RDB) stays this size. Default 5000 small, 20000 large. */
  keyCount?: number;
  /** How long each stall lasts. Default 6000 ms; always at least repl-timeout + 2.5 s (the master checks once a second). */
  freezeMs?: number;
  /** repl-timeout in seconds: how long the master waits for a silent replica before dropping it. Default 3. */
  replTimeoutSec?: number;
  /**
   * client-output-buffer-limit for replicas, e.g. "1mb 512kb 1": the master then drops the stalled
   * replica for its growing output buffer instead of (before) repl-timeout. Default: Redis's own
   * "256mb 64mb 60", which a few seconds of stall never reach.
   */
  replicaOutputBufferLimit?: string;
  /** Cut-offs before start() returns. Default 2 small, 3 large. */
  cycles?: number;
  /** Keep cutting the replica off every cycleIntervalMs after start() returns. Default true. */
  ongoing?: boolean;
  cycleIntervalMs?: number;
  /** repl-diskless-sync; default false, as in the reference (each full resync runs a BGSAVE to disk). */
  disklessSync?: boolean;
}

export interface RunningReplicationBacklog extends RunningScenario {
  /** Every cut-off so far, oldest first (ongoing ones are appended). */
  cutoffs: Cutoff[];
}

/** Extra cut-offs allowed when the socket buffers happened to absorb a stall. */
const EXTRA_CYCLES = 3;

export const replicationBacklogScenario: Omit<Scenario<ReplicationBacklogOptions>, "start"> & {
  start(options?: ReplicationBacklogOptions): Promise<RunningReplicationBacklog>;
} = {
  id: "replication-backlog",
  title: "Replication backlog overflow: every replica reconnect is a full resync",
  description:
    "A master with a 1 MB repl-backlog-size takes a steady ~2 MB/s write stream. Its replica stalls (SIGSTOP) for a few " +
    "seconds, longer than repl-timeout and longer than the backlog covers: the master drops it, and when it comes back " +
    "its PSYNC offset is no longer in the backlog, so the master starts a full resync (BGSAVE + transfer). Repeated, " +
    "sync_full and sync_partial_err keep growing.",
  unavailableReason: async () => null,
  start: startReplicationBacklog,
};

async function startReplicationBacklog(opts: ReplicationBacklogOptions = {}): Promise<RunningReplicationBacklog> {
  const large = opts.size === "large";
  const replTimeoutSec = opts.replTimeoutSec ?? 3;
  const args = [
    ...["--repl-backlog-size", opts.backlogSize ?? "1mb", "--repl-timeout", String(replTimeoutSec)],
    ...["--repl-diskless-sync", opts.disklessSync ? "yes" : "no", "--repl-diskless-sync-delay", "0"],
    ...(opts.replicaOutputBufferLimit ? ["--client-output-buffer-limit", `replica ${opts.replicaOutputBufferLimit}`] : []),
  ];
  const pair = await startReplicaPair({ password: opts.password, args });
  const instances: ScenarioInstance[] = [
    { name: `${opts.namePrefix ?? "lab"}-replication-backlog`, host: pair.master.host, port: pair.master.port, password: opts.password, mode: "standalone", role: "master" },
    { name: `${opts.namePrefix ?? "lab"}-replication-backlog-replica`, host: pair.replica.host, port: pair.replica.port, password: opts.password, mode: "standalone", role: "replica" },
  ];
  opts.onInstances?.(instances);
  const load = new LoadGroup(pair.master);
  let ongoingTimer: NodeJS.Timeout | undefined;
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      clearTimeout(ongoingTimer);
      pair.replica.thaw(); // never leave it stopped, whatever stop() interrupts
      await load.stop().catch(() => {});
      await pair.stop();
    })());
  try {
    const valueBytes = opts.valueBytes ?? 1024;
    const writeRateKBps = opts.writeRateKBps ?? 2048;
    const writer = await startStreamWriter(load, { keyCount: opts.keyCount ?? (large ? 20_000 : 5_000), valueBytes, writeRateKBps });
    const initial = await syncCounters(pair.master);
    const cutoffs: Cutoff[] = [];
    // Without a small output buffer limit only repl-timeout drops the link: the stall must outlast it.
    const minFreezeMs = opts.replicaOutputBufferLimit ? 0 : replTimeoutSec * 1000 + 2_500;
    let freezeMs = Math.max(opts.freezeMs ?? 6_000, minFreezeMs);
    const cutOff = async () => {
      const cutoff = await runCutoff(pair, { freezeMs, sleep: (ms) => load.sleep(ms), stopped: () => load.stopped });
      if (!cutoff) return;
      cutoffs.push(cutoff);
      // Loopback socket buffers can hold several MB of the stream; a longer stall outruns them.
      if (cutoff.resync === "partial") freezeMs *= 2;
    };
    const wanted = opts.cycles ?? (large ? 3 : 2);
    for (let i = 0; i < wanted + EXTRA_CYCLES; i++) {
      if (i >= wanted) {
        const now = await syncCounters(pair.master);
        if (now.syncFull >= initial.syncFull + 1 && now.syncPartialErr >= initial.syncPartialErr + 1) break;
      }
      await cutOff();
    }
    const reached = await syncCounters(pair.master);
    if (reached.syncFull < 2 || reached.syncPartialErr < 1) {
      throw new Error(`replication-backlog: no failed partial resync after ${cutoffs.length} cut-offs (${JSON.stringify(reached)})`);
    }
    if (opts.ongoing ?? true) {
      const interval = opts.cycleIntervalMs ?? 20_000;
      const next = () => {
        ongoingTimer = setTimeout(() => void load.task(cutOff).finally(() => !load.stopped && next()), interval);
      };
      next();
    }
    const notes = [
      `master ${pair.master.port}: repl-backlog-size ${opts.backlogSize ?? "1mb"}, repl-timeout ${replTimeoutSec} s, ` +
        `repl-diskless-sync ${opts.disklessSync ? "yes" : "no"}` +
        (opts.replicaOutputBufferLimit ? `, client-output-buffer-limit replica ${opts.replicaOutputBufferLimit}` : "") +
        `; replica ${pair.replica.port}`,
      `writer: ~${writeRateKBps} KB/s of ${valueBytes}-byte SETs over ${writer.keyCount} keys`,
      ...cutoffs.map((c, i) => `cut-off ${i + 1}: ${describeCutoff(c)}`),
      `master counters: sync_full ${reached.syncFull}, sync_partial_ok ${reached.syncPartialOk}, sync_partial_err ${reached.syncPartialErr}`,
    ];
    return {
      id: replicationBacklogScenario.id,
      instances,
      notes,
      cutoffs,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

function describeCutoff(c: Cutoff): string {
  const gap = c.gapBytes === undefined ? "" : `, replica asked for offset ${c.requestedOffset} while the master was at ${c.masterOffset} (${(c.gapBytes / 1_048_576).toFixed(1)} MB behind)`;
  return `stalled ${c.freezeMs} ms, dropped by ${c.droppedBy}, ${c.resync} resync${gap}`;
}
