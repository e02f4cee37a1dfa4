// Ready-to-use Redis topologies for tests and the demo: standalone, primary + replica, and a
// six-node cluster. Each returns only once it is really usable (replication link up, cluster
// converged), so tests never race a half-built setup.
import "server-only";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { labCommand, withLabClient } from "./lab-client";
import { startRedis, type RedisProcess } from "./redis-process";
import { waitUntil } from "./wait-until";

const execFileAsync = promisify(execFile);
const REDIS_CLI = process.env.REDLINE_REDIS_CLI ?? "redis-cli";
const CLUSTER_SLOTS = 16_384;

export interface Topology {
  nodes: RedisProcess[];
  /** Stops every node and removes their dirs. Idempotent. */
  stop(): Promise<void>;
}

export interface AclUser {
  name: string;
  password: string;
  /** ACL rules as typed after the password, e.g. "~* +@read". */
  rules: string;
}

export interface StandaloneOptions {
  password?: string;
  aclUsers?: AclUser[];
  args?: string[];
}

export interface ReplicaPairOptions {
  password?: string;
  /** Extra args for both nodes. */
  args?: string[];
  timeoutMs?: number;
}

export interface ClusterOptions {
  /** redis-cli refuses fewer than 3 masters. */
  masters?: number;
  replicasPerMaster?: number;
  /** cluster-node-timeout; failover takes about twice this. Default 5000. */
  nodeTimeoutMs?: number;
  password?: string;
  extraArgs?: string[];
  timeoutMs?: number;
}

export async function startStandalone(opts: StandaloneOptions = {}): Promise<Topology & { node: RedisProcess }> {
  const node = await startRedis({ password: opts.password, args: opts.args });
  const topology = toTopology([node]);
  await cleanupOnError(topology, async () => {
    for (const user of opts.aclUsers ?? []) {
      const rules = user.rules.split(/\s+/).filter(Boolean);
      await labCommand(node, ["ACL", "SETUSER", user.name, "on", `>${user.password}`, ...rules]);
    }
  });
  return { ...topology, node };
}

export async function startReplicaPair(
  opts: ReplicaPairOptions = {},
): Promise<Topology & { master: RedisProcess; replica: RedisProcess }> {
  // Without delay 0 the primary waits 5 s for more replicas before the first (diskless) sync.
  const master = await startRedis({ password: opts.password, args: ["--repl-diskless-sync-delay", "0", ...(opts.args ?? [])] });
  const topology = toTopology([master]);
  const replica = await cleanupOnError(topology, () =>
    startRedis({
      password: opts.password,
      replicaOf: { host: master.host, port: master.port, password: opts.password },
      args: opts.args,
    }),
  );
  topology.nodes.push(replica);
  await cleanupOnError(topology, () => waitForReplicaLink(replica, opts.timeoutMs ?? 10_000));
  return { ...topology, master, replica };
}

export async function startCluster(opts: ClusterOptions = {}): Promise<Topology> {
  const masters = opts.masters ?? 3;
  const replicas = opts.replicasPerMaster ?? 1;
  if (masters < 3) throw new Error("startCluster: Redis Cluster needs at least 3 masters");
  const args = [
    ...["--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf"],
    ...["--cluster-node-timeout", String(opts.nodeTimeoutMs ?? 5_000), "--repl-diskless-sync-delay", "0"],
    ...(opts.extraArgs ?? []),
  ];
  const started = await Promise.allSettled(
    Array.from({ length: masters * (1 + replicas) }, () => startRedis({ password: opts.password, args })),
  );
  const topology = toTopology(started.flatMap((r) => (r.status === "fulfilled" ? [r.value] : [])));
  const failed = started.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) {
    await topology.stop();
    throw failed.reason;
  }
  await cleanupOnError(topology, async () => {
    if (opts.password !== undefined) {
      // Cluster replicas authenticate to whichever node becomes their master; set at runtime so
      // the password stays out of argv.
      await Promise.all(topology.nodes.map((n) => labCommand(n, ["CONFIG", "SET", "masterauth", opts.password!])));
    }
    await createCluster(topology.nodes, replicas, opts.password);
    await waitForCluster(topology.nodes, masters, opts.timeoutMs ?? 30_000);
  });
  return topology;
}

function toTopology(nodes: RedisProcess[]): Topology {
  let stopping: Promise<void> | undefined;
  return {
    nodes,
    stop: () => (stopping ??= Promise.allSettled(nodes.map((n) => n.stop())).then(() => undefined)),
  };
}

/** A topology that fails half-way must not leave its first nodes running. */
async function cleanupOnError<T>(topology: Topology, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    await topology.stop();
    throw err;
  }
}

function infoField(info: string, field: string): string | undefined {
  return new RegExp(`^${field}:(.*?)\\r?$`, "m").exec(info)?.[1];
}

function waitForReplicaLink(replica: RedisProcess, timeoutMs: number): Promise<void> {
  return waitUntil(
    async () => {
      const info = String(await labCommand(replica, ["INFO", "replication"]));
      const link = infoField(info, "master_link_status");
      return link === "up" ? true : `master_link_status:${link}`;
    },
    { timeoutMs, what: `replica ${replica.port} to finish its first sync` },
  );
}

async function createCluster(nodes: RedisProcess[], replicas: number, password?: string): Promise<void> {
  const argv = ["--cluster", "create", ...nodes.map((n) => `${n.host}:${n.port}`)];
  argv.push("--cluster-replicas", String(replicas), "--cluster-yes");
  // REDISCLI_AUTH instead of -a: no password in argv and no "insecure" warning on stderr.
  const env = password === undefined ? process.env : { ...process.env, REDISCLI_AUTH: password };
  try {
    await execFileAsync(REDIS_CLI, argv, { env, timeout: 30_000 });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`redis-cli --cluster create failed: ${e.message}\n${e.stdout ?? ""}${e.stderr ?? ""}`);
  }
}

/**
 * Converged = on every node: state ok, all slots assigned, every node known without handshake/fail
 * flags, the right number of slot owners and replicas, and (on replicas) the replication link up.
 */
function waitForCluster(nodes: RedisProcess[], masters: number, timeoutMs: number): Promise<void> {
  const nodeReady = (node: RedisProcess) =>
    withLabClient(node, async (c): Promise<true | string> => {
      const info = String(await c.call("CLUSTER", "INFO"));
      const state = infoField(info, "cluster_state");
      const slots = Number(infoField(info, "cluster_slots_assigned"));
      if (state !== "ok" || slots !== CLUSTER_SLOTS) return `${node.port}: cluster_state:${state} slots:${slots}`;
      const view = String(await c.call("CLUSTER", "NODES")).trim().split("\n").map((l) => l.split(" "));
      const flags = view.map((f) => f[2] ?? "");
      const unsettled = flags.filter((f) => /handshake|noaddr|fail/.test(f)).length;
      // Roles reach other nodes by gossip after redis-cli returns: until then a replica still
      // looks like an empty master to its peers, and clients would be told a wrong topology.
      const owners = view.filter((f, i) => flags[i].includes("master") && f.length > 8).length;
      const replicaCount = flags.filter((f) => f.includes("slave")).length;
      if (view.length !== nodes.length || unsettled > 0 || owners !== masters || replicaCount !== nodes.length - masters) {
        return `${node.port}: sees ${view.length}/${nodes.length} nodes, ${unsettled} unsettled, ${owners} slot owners, ${replicaCount} replicas`;
      }
      const repl = String(await c.call("INFO", "replication"));
      const link = infoField(repl, "master_link_status");
      if (infoField(repl, "role") === "slave" && link !== "up") return `${node.port}: master_link_status:${link}`;
      return true;
    });
  return waitUntil(
    async () => {
      const results = await Promise.all(nodes.map(nodeReady));
      return results.find((r) => r !== true) ?? true;
    },
    { timeoutMs, intervalMs: 100, what: `the ${nodes.length}-node cluster to converge` },
  );
}
