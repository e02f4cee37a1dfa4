// Discovers the nodes behind a registered instance: itself (standalone), every cluster node from
// CLUSTER NODES, or the master and replicas a Sentinel reports.
import "server-only";
import { parseClusterNodes, slotCount } from "@/lib/parse/cluster-nodes";
import type { InstanceMode } from "@/lib/api/schemas/instance";
import { RedisFailure } from "./classify";
import type { CommandRunner } from "./command-runner";

export interface TopologyNode {
  host: string;
  port: number;
  address: string;
  role: "master" | "replica" | "unknown";
  /** Cluster node id, when there is one. */
  id?: string;
  masterId?: string | null;
  slots?: number;
  failing?: "fail" | "pfail" | null;
}

export interface Topology {
  mode: InstanceMode;
  nodes: TopologyNode[];
  discoveredAt: number;
  /** Sentinel mode: the sentinel that answered. */
  via?: string;
}

function node(host: string, port: number, extra: Partial<TopologyNode> = {}): TopologyNode {
  return { host, port, address: `${host}:${port}`, role: "unknown", ...extra };
}

export function standaloneTopology(host: string, port: number): Topology {
  return { mode: "standalone", nodes: [node(host, port)], discoveredAt: Date.now() };
}

export async function discoverCluster(seed: CommandRunner, seedHost: string, seedPort: number): Promise<Topology> {
  const text = await seed.call(["CLUSTER", "NODES"]);
  const parsed = parseClusterNodes(text);
  if (parsed.length === 0) throw new RedisFailure("redis_error", "CLUSTER NODES returned no nodes: is cluster mode enabled on this server?");
  const nodes = parsed
    .filter((n) => n.port > 0 && !n.flags.includes("handshake") && !n.flags.includes("noaddr"))
    .map((n) =>
      node(n.myself && !n.host ? seedHost : n.host, n.myself && !n.port ? seedPort : n.port, {
        role: n.role,
        id: n.id,
        masterId: n.masterId,
        slots: slotCount(n),
        failing: n.failing,
      }),
    )
    .sort((a, b) => (a.role === b.role ? a.port - b.port : a.role === "master" ? -1 : 1));
  return { mode: "cluster", nodes, discoveredAt: Date.now() };
}

function flatToRecord(reply: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!Array.isArray(reply)) return out;
  for (let i = 0; i + 1 < reply.length; i += 2) out[String(reply[i])] = String(reply[i + 1]);
  return out;
}

export async function discoverSentinel(sentinel: CommandRunner, masterName: string): Promise<Topology> {
  const addr = await sentinel.call(["SENTINEL", "GET-MASTER-ADDR-BY-NAME", masterName]);
  if (!Array.isArray(addr) || addr.length < 2) {
    throw new RedisFailure("redis_error", `Sentinel ${sentinel.node} does not know a master named "${masterName}"`);
  }
  const nodes = [node(String(addr[0]), Number(addr[1]), { role: "master" })];
  const replicas = await sentinel.call(["SENTINEL", "REPLICAS", masterName]);
  for (const r of Array.isArray(replicas) ? replicas : []) {
    const info = flatToRecord(r);
    if (!info.ip || !info.port) continue;
    const down = /s_down|o_down|disconnected/.test(info.flags ?? "");
    nodes.push(node(info.ip, Number(info.port), { role: "replica", failing: down ? "fail" : null }));
  }
  return { mode: "sentinel", nodes, discoveredAt: Date.now(), via: sentinel.node };
}
