// "Test connection": connects with the form's settings on throwaway connections, reports version,
// role, mode and latency, and keeps nothing open afterwards.
import "server-only";
import { randomUUID } from "node:crypto";
import type { InstanceInputParsed } from "@/lib/api/schemas/instance";
import type { InstanceConnectionConfig } from "@/lib/store/instances-repo";
import { getConnectionManager, type InstanceConnections } from "@/lib/redis/connection-manager";
import { parseInfo, infoString } from "@/lib/parse/info";
import { RedisFailure } from "@/lib/redis/classify";
import { discoverCluster, type TopologyNode } from "@/lib/redis/topology";
import { registerSecret } from "@/lib/security/scrub";

export interface ConnectionTestResult {
  ok: true;
  version: string;
  role: string;
  /** What the server itself says it runs as; compare with the mode chosen in the form. */
  detectedMode: "standalone" | "cluster" | "sentinel";
  latencyMs: number;
  nodes: number;
  warning?: string;
}

export function configFromInput(input: InstanceInputParsed, id: string = randomUUID()): InstanceConnectionConfig {
  registerSecret(input.password);
  return {
    id,
    name: input.name,
    host: input.host,
    port: input.port,
    username: input.username || undefined,
    password: input.password || undefined,
    db: input.db,
    tls: input.tls,
    mode: input.mode,
    sentinelMaster: input.sentinelMaster,
    renamedCommands: input.renamedCommands,
    allowRemediation: input.allowRemediation,
  };
}

/** The node to test: the sentinel's master, or the address given (whatever mode the form says). */
async function targetNode(conns: InstanceConnections, config: InstanceConnectionConfig): Promise<{ node?: TopologyNode; nodes: number }> {
  if (config.mode !== "sentinel") return { nodes: 1 };
  const topology = await conns.topology({ fresh: true });
  const master = topology.nodes.find((n) => n.role === "master");
  if (!master) throw new RedisFailure("redis_error", `Sentinel knows no master named "${config.sentinelMaster}"`);
  return { node: master, nodes: topology.nodes.length };
}

export async function testConnection(config: InstanceConnectionConfig): Promise<ConnectionTestResult> {
  const conns = getConnectionManager().ephemeral(config);
  try {
    const target = await targetNode(conns, config);
    const runner = conns.runner(target.node);
    const started = performance.now();
    await runner.call(["PING"]);
    const latencyMs = Math.round((performance.now() - started) * 1000) / 1000;
    const info = parseInfo(await runner.call(["INFO", "SERVER"]));
    const repl = parseInfo(await runner.call(["INFO", "REPLICATION"]));
    // The mode is read before any mode-specific command, so a wrong choice in the form is a
    // warning with the right answer rather than a cryptic error.
    const detectedMode = config.mode === "sentinel" ? "sentinel" : infoString(info, "redis_mode") === "cluster" ? "cluster" : "standalone";
    const nodes = detectedMode === "cluster" ? (await discoverCluster(runner, config.host, config.port)).nodes.length : target.nodes;
    const result: ConnectionTestResult = {
      ok: true,
      version: infoString(info, "redis_version") ?? "unknown",
      role: infoString(repl, "role") === "slave" ? "replica" : (infoString(repl, "role") ?? "unknown"),
      detectedMode,
      latencyMs,
      nodes,
    };
    if (config.mode !== "sentinel" && detectedMode !== config.mode) {
      result.warning = `The server runs in ${detectedMode} mode, but the form says ${config.mode}: choose ${detectedMode}.`;
    }
    return result;
  } finally {
    conns.close();
  }
}
