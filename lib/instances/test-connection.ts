// "Test connection": connects with the form's settings on throwaway connections, reports version,
// role, mode and latency, and keeps nothing open afterwards.
import "server-only";
import { randomUUID } from "node:crypto";
import type { InstanceInputParsed } from "@/lib/api/schemas/instance";
import type { InstanceConnectionConfig } from "@/lib/store/instances-repo";
import { getConnectionManager } from "@/lib/redis/connection-manager";
import { parseInfo, infoString } from "@/lib/parse/info";
import { RedisFailure } from "@/lib/redis/classify";
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

export async function testConnection(config: InstanceConnectionConfig): Promise<ConnectionTestResult> {
  const conns = getConnectionManager().ephemeral(config);
  try {
    const topology = await conns.topology({ fresh: true });
    const target = topology.nodes.find((n) => n.role === "master") ?? topology.nodes[0];
    if (!target) throw new RedisFailure("redis_error", "No node found behind this address");
    const runner = conns.runner(target);
    const started = performance.now();
    await runner.call(["PING"]);
    const latencyMs = Math.round((performance.now() - started) * 1000) / 1000;
    const info = parseInfo(await runner.call(["INFO", "SERVER"]));
    const repl = parseInfo(await runner.call(["INFO", "REPLICATION"]));
    const redisMode = infoString(info, "redis_mode");
    const detectedMode = config.mode === "sentinel" ? "sentinel" : redisMode === "cluster" ? "cluster" : "standalone";
    const role = infoString(repl, "role") === "slave" ? "replica" : (infoString(repl, "role") ?? "unknown");
    const result: ConnectionTestResult = {
      ok: true,
      version: infoString(info, "redis_version") ?? "unknown",
      role,
      detectedMode,
      latencyMs,
      nodes: topology.nodes.length,
    };
    if (config.mode !== "sentinel" && detectedMode !== config.mode) {
      result.warning = `The server runs in ${detectedMode} mode, but the form says ${config.mode}.`;
    }
    return result;
  } finally {
    conns.close();
  }
}
