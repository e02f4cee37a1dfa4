// Healthy instances for contrast: what Redline should call fine. Sane config (maxmemory with an
// eviction policy, slowlog at 10 ms, latency monitor at 100 ms, RDB snapshots), a few thousand
// small keys and light, steady traffic, on a standalone server, a master + replica and a
// 3-master/3-replica cluster. Detectors must stay quiet on all three.
import "server-only";
import { Cluster } from "ioredis";
import { startCluster, startReplicaPair, startStandalone, type Topology } from "../topologies";
import { labCommand } from "../lab-client";
import type { RunningScenario, Scenario, ScenarioInstance, ScenarioStartOptions } from "./scenario";
import { loadUserCache, userKey, userValue } from "./support/cache-apps";
import { LoadGroup } from "./support/load-group";
import { startSteadyTraffic } from "./support/steady-traffic";

export interface HealthyOptions extends ScenarioStartOptions {
  /**
   * User profile keys. Default 100,000 small, 300,000 large: with only a few thousand keys (2 MB)
   * the process's baseline RSS makes mem_fragmentation_ratio 6–8 with ~11 MB "fragmented", which
   * reads as fragmentation; at ~35 MB of data the ratio is a normal ~1.25.
   */
  keys?: number;
  /** Bytes per value. Default 256. */
  valueBytes?: number;
  /** Total ops/s (one in `writeEvery` is a SET). Default 50. */
  opsPerSec?: number;
  writeEvery?: number;
}

export interface HealthyClusterOptions extends HealthyOptions {
  // keys: default 300,000 small, 900,000 large, i.e. as many per master as the standalone holds:
  // at ~17 MB per node the fixed ~11 MB of baseline RSS gives a ratio of 1.7 over 10 MB, which
  // even MEMORY DOCTOR calls high fragmentation.
  /** cluster-node-timeout. Default 5000 ms (a common production value is 15000). */
  nodeTimeoutMs?: number;
}

/** What a careful operator sets; everything else stays at Redis's defaults. */
export const SANE_CONFIG = [
  ...["--maxmemory", "256mb", "--maxmemory-policy", "allkeys-lru"],
  ...["--slowlog-log-slower-than", "10000", "--slowlog-max-len", "128", "--latency-monitor-threshold", "100"],
  ...["--save", "3600 1 300 100 60 10000", "--timeout", "300", "--tcp-keepalive", "60"],
];

const TRAFFIC_CLIENTS = 4;

function keysFor(opts: HealthyOptions): number {
  return opts.keys ?? (opts.size === "large" ? 300_000 : 100_000);
}

function instance(opts: HealthyOptions, suffix: string, node: { host: string; port: number }, extra: Partial<ScenarioInstance>): ScenarioInstance {
  return { name: `${opts.namePrefix ?? "lab"}-${suffix}`, host: node.host, port: node.port, password: opts.password, mode: "standalone", ...extra };
}

/** Load first, then processes; each step runs even if the one before failed. */
function stopper(load: { stop(): Promise<void> }, topology: Topology): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  return () => (stopping ??= load.stop().catch(() => {}).then(() => topology.stop()));
}

async function orStop<T>(stop: () => Promise<void>, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    await stop();
    throw err;
  }
}

export const healthyStandaloneScenario: Scenario<HealthyOptions> = {
  id: "healthy-standalone",
  title: "Healthy standalone server",
  description: "A standalone server with sane config, 100,000 user profiles (~35 MB) and ~50 ops/s of steady traffic.",
  unavailableReason: async () => null,
  async start(opts = {}): Promise<RunningScenario> {
    const topology = await startStandalone({ password: opts.password, args: SANE_CONFIG });
    const instances = [instance(opts, "healthy-standalone", topology.node, { role: "master" })];
    opts.onInstances?.(instances);
    const endpoint = { host: topology.node.host, port: topology.node.port, password: opts.password };
    const load = new LoadGroup(endpoint);
    const stop = stopper(load, topology);
    const keys = keysFor(opts);
    await orStop(stop, () => loadUserCache(endpoint, keys, opts.valueBytes ?? 256));
    startSteadyTraffic(load, { clients: TRAFFIC_CLIENTS, opsPerSec: opts.opsPerSec ?? 50, keyCount: keys, keyOf: userKey, writeEvery: opts.writeEvery ?? 10 });
    return {
      id: "healthy-standalone",
      instances,
      notes: [`${keys} keys, ${opts.opsPerSec ?? 50} ops/s over ${TRAFFIC_CLIENTS} clients`, `config: ${SANE_CONFIG.join(" ")}`],
      stop,
    };
  },
};

export const healthyReplicaScenario: Scenario<HealthyOptions> = {
  id: "healthy-replica",
  title: "Healthy master + replica",
  description: "A master and its replica with sane config and light writes: the link stays up, no resync after the first.",
  unavailableReason: async () => null,
  async start(opts = {}): Promise<RunningScenario> {
    const pair = await startReplicaPair({ password: opts.password, args: SANE_CONFIG });
    const instances = [instance(opts, "healthy-replica-master", pair.master, { role: "master" }), instance(opts, "healthy-replica-replica", pair.replica, { role: "replica" })];
    opts.onInstances?.(instances);
    const endpoint = { host: pair.master.host, port: pair.master.port, password: opts.password };
    const load = new LoadGroup(endpoint);
    const stop = stopper(load, pair);
    const keys = keysFor(opts);
    await orStop(stop, () => loadUserCache(endpoint, keys, opts.valueBytes ?? 256));
    startSteadyTraffic(load, { clients: TRAFFIC_CLIENTS, opsPerSec: opts.opsPerSec ?? 50, keyCount: keys, keyOf: userKey, writeEvery: opts.writeEvery ?? 4 });
    return {
      id: "healthy-replica",
      instances,
      notes: [`${keys} keys, ${opts.opsPerSec ?? 50} ops/s on the master (1 in ${opts.writeEvery ?? 4} a write)`],
      stop,
    };
  },
};

export const healthyClusterScenario: Scenario<HealthyClusterOptions> = {
  id: "healthy-cluster",
  title: "Healthy 3-master cluster",
  description: "A 3-master/3-replica cluster with sane config and light traffic spread over all slots by a cluster-aware client.",
  unavailableReason: async () => null,
  async start(opts = {}): Promise<RunningScenario> {
    const topology = await startCluster({ nodeTimeoutMs: opts.nodeTimeoutMs ?? 5_000, password: opts.password, extraArgs: SANE_CONFIG });
    const seed = topology.nodes[0];
    const instances: ScenarioInstance[] = [{ name: `${opts.namePrefix ?? "lab"}-healthy-cluster`, host: seed.host, port: seed.port, password: opts.password, mode: "cluster", role: "cluster seed" }];
    opts.onInstances?.(instances);
    const cluster = new Cluster([{ host: seed.host, port: seed.port }], {
      redisOptions: { password: opts.password, protocol: 2, connectTimeout: 2_000, commandTimeout: 5_000 },
      enableAutoPipelining: true,
    });
    cluster.on("error", () => {});
    const load = new LoadGroup(seed);
    const stopLoad = { stop: () => load.stop().then(() => void cluster.disconnect()) };
    const stop = stopper(stopLoad, topology);
    const keys = opts.keys ?? 3 * keysFor(opts);
    const opsPerSec = opts.opsPerSec ?? 50;
    await orStop(stop, async () => {
      // Keys of many slots: no MSET, and ioredis cluster pipelines must stay in one slot; auto
      // pipelining batches these per node instead.
      for (let first = 0; first < keys; first += 1_000) {
        const batch = Array.from({ length: Math.min(1_000, keys - first) }, (_, i) => first + i);
        await Promise.all(batch.map((n) => cluster.set(userKey(n), userValue(n, opts.valueBytes ?? 256))));
      }
      // As for the standalone cache: the bulk load is setup, not evidence.
      for (const node of topology.nodes) {
        await labCommand(node, ["SLOWLOG", "RESET"]);
        await labCommand(node, ["LATENCY", "RESET"]);
      }
    });
    for (let c = 0; c < TRAFFIC_CLIENTS; c++) {
      let n = 0;
      load.loop(async () => {
        const key = userKey(Math.floor(Math.random() * keys));
        if (++n % (opts.writeEvery ?? 10) === 0) await cluster.set(key, JSON.stringify({ at: Date.now() }));
        else await cluster.get(key);
        await load.sleep((TRAFFIC_CLIENTS * 1000) / opsPerSec);
      });
    }
    return {
      id: "healthy-cluster",
      instances,
      notes: [`${topology.nodes.length} nodes, ${keys} keys over all slots, ${opsPerSec} ops/s through a cluster-aware client`],
      stop,
    };
  },
};
