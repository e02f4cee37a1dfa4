// Incident 10, data loss on a Deployment rollout: a Redis with data and persistence is restarted
// on the same address with an EMPTY data dir, as a pod that came up on an empty volume. From Redis
// the loss shows as a restart (new run_id, uptime_in_seconds reset) with an (almost) empty keyspace
// and rdb_last_load_keys_loaded:0, although persistence was on (CORRECTIONS #10). The applications
// reconnect, miss, and start refilling the cache and writing new sessions.
//
// For the demo, register the instance first and pass restartAfterMs so the sampler records the
// before and the after; `restarted` resolves once the empty server answers.
import "server-only";
import { startRedis, type RedisProcess } from "../redis-process";
import { labCommand } from "../lab-client";
import { waitUntil } from "../wait-until";
import type { RunningScenario, Scenario, ScenarioInstance, ScenarioStartOptions } from "./scenario";
import { startCacheApps, loadUserCache } from "./support/cache-apps";
import { LoadGroup } from "./support/load-group";

export interface K8sDataLossOptions extends ScenarioStartOptions {
  /** Keys before the restart. Default 20,000 small, 100,000 large. */
  keys?: number;
  /** rdb: save "900 1 300 10 60 10000" (Redis's defaults); aof: appendonly yes. Default rdb. */
  persistence?: "rdb" | "aof";
  /** 0: restart before start() returns; otherwise that long after. Default 0. */
  restartAfterMs?: number;
  /** Cache reads/s by the applications (a miss is refilled). Default 50. */
  readsPerSec?: number;
  /** New session keys/s. Default 10. */
  sessionWritesPerSec?: number;
}

export interface ServerIdentity {
  runId: string;
  keys: number;
  uptimeSec: number;
}

export interface RunningK8sDataLoss extends RunningScenario {
  before: ServerIdentity;
  /** Set once the empty server answers. */
  after?: ServerIdentity & { keysLoaded: number };
  /** Resolves once the restarted (empty) server answers with a new run_id. */
  restarted: Promise<void>;
}

const PERSISTENCE_ARGS: Record<"rdb" | "aof", string[]> = {
  rdb: ["--save", "900 1 300 10 60 10000", "--appendonly", "no"],
  aof: ["--appendonly", "yes", "--appendfsync", "everysec", "--save", ""],
};

export const k8sDataLossScenario: Omit<Scenario<K8sDataLossOptions>, "start"> & {
  start(options?: K8sDataLossOptions): Promise<RunningK8sDataLoss>;
} = {
  id: "k8s-data-loss",
  title: "Restarted on an empty volume: all data gone after a rollout",
  description:
    "A Redis with 20,000 keys and RDB persistence is restarted on the same address with an empty data dir, like a pod " +
    "of a Deployment that came up on an empty volume: new run_id, uptime reset, an empty keyspace and " +
    "rdb_last_load_keys_loaded:0. Applications reconnect, miss, and slowly refill it.",
  unavailableReason: async () => null,
  start: startK8sDataLoss,
};

async function startK8sDataLoss(opts: K8sDataLossOptions = {}): Promise<RunningK8sDataLoss> {
  const args = PERSISTENCE_ARGS[opts.persistence ?? "rdb"];
  let node: RedisProcess = await startRedis({ password: opts.password, args });
  // The restarted server comes back on the same address: the registration stays valid.
  const instances: ScenarioInstance[] = [{ name: `${opts.namePrefix ?? "lab"}-k8s-data-loss`, host: node.host, port: node.port, password: opts.password, mode: "standalone", role: "master" }];
  opts.onInstances?.(instances);
  const endpoint = { host: node.host, port: node.port, password: opts.password };
  const load = new LoadGroup(endpoint);
  let timer: NodeJS.Timeout | undefined;
  let restarting: Promise<void> | undefined;
  let cancelRestart: (err: Error) => void = () => {};
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      clearTimeout(timer);
      cancelRestart(new Error("k8s-data-loss: stopped before the restart"));
      await restarting?.catch(() => {});
      await load.stop().catch(() => {});
      await node.stop();
    })());
  try {
    const keys = opts.keys ?? (opts.size === "large" ? 100_000 : 20_000);
    await loadUserCache(endpoint, keys);
    await snapshot(endpoint);
    startCacheApps(load, { keys, readsPerSec: opts.readsPerSec ?? 50, sessionWritesPerSec: opts.sessionWritesPerSec ?? 10 });

    const running: RunningK8sDataLoss = {
      id: k8sDataLossScenario.id,
      instances,
      notes: [
        `${keys} keys (user:<n>), persistence ${opts.persistence ?? "rdb"} (${args.join(" ")}), snapshot taken`,
        `applications: ${opts.readsPerSec ?? 50} cache reads/s (a miss is refilled), ${opts.sessionWritesPerSec ?? 10} new sessions/s`,
      ],
      before: await identity(endpoint),
      restarted: Promise.resolve(),
      stop,
    };
    // The "new pod": same address and config, fresh empty dir; the old dir goes with the old process.
    const restart = async () => {
      running.before = await identity(endpoint);
      await node.stop();
      node = await startRedis({ port: endpoint.port, password: opts.password, args });
      await waitUntil(
        async () => {
          const now = await identity(endpoint);
          return now.runId !== running.before.runId ? true : "same run_id";
        },
        { timeoutMs: 10_000, what: "the restarted server" },
      );
      const info = String(await labCommand(endpoint, ["INFO", "persistence"]));
      running.after = { ...(await identity(endpoint)), keysLoaded: Number(/^rdb_last_load_keys_loaded:(\d+)/m.exec(info)?.[1] ?? -1) };
      running.notes.push(
        `restarted on port ${endpoint.port} with an empty dir: run_id ${running.before.runId.slice(0, 8)}… → ${running.after.runId.slice(0, 8)}…, ` +
          `${running.before.keys} keys → ${running.after.keys}, uptime ${running.before.uptimeSec} s → ${running.after.uptimeSec} s, ` +
          `rdb_last_load_keys_loaded:${running.after.keysLoaded}`,
      );
    };
    running.restarted = new Promise<void>((resolve, reject) => {
      cancelRestart = reject;
      const run = () => void (restarting = restart()).then(resolve, reject);
      if ((opts.restartAfterMs ?? 0) > 0) timer = setTimeout(run, opts.restartAfterMs);
      else run();
    });
    running.restarted.catch(() => {}); // observed by whoever awaits it; never an unhandled rejection
    if (!opts.restartAfterMs) await running.restarted;
    else running.notes.push(`restart in ${opts.restartAfterMs} ms: register the instance before that`);
    return running;
  } catch (err) {
    await stop();
    throw err;
  }
}

async function identity(endpoint: { host: string; port: number; password?: string }): Promise<ServerIdentity> {
  const server = String(await labCommand(endpoint, ["INFO", "server"]));
  const keys = Number(await labCommand(endpoint, ["DBSIZE"]));
  return {
    runId: /^run_id:(\w+)/m.exec(server)?.[1] ?? "",
    keys,
    uptimeSec: Number(/^uptime_in_seconds:(\d+)/m.exec(server)?.[1] ?? 0),
  };
}

/** BGSAVE and wait: the data really was persisted (to the volume that the new pod will not see). */
async function snapshot(endpoint: { host: string; port: number; password?: string }): Promise<void> {
  await labCommand(endpoint, ["BGSAVE", "SCHEDULE"]);
  await waitUntil(
    async () => {
      const info = String(await labCommand(endpoint, ["INFO", "persistence"]));
      return /^rdb_bgsave_in_progress:0/m.test(info) && /^rdb_saves:[1-9]/m.test(info) ? true : "saving";
    },
    { timeoutMs: 30_000, intervalMs: 100, what: "the snapshot" },
  );
}
