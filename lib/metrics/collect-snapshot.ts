// Takes one look at a node with O(1) commands only: PING, INFO, CONFIG GET, SLOWLOG, CLUSTER INFO.
import "server-only";
import { parseInfo, parseKeyValueLines } from "@/lib/parse/info";
import { parseConfigGet } from "@/lib/parse/config-get";
import { parseSlowlog } from "@/lib/parse/slowlog";
import type { CommandRunner } from "@/lib/redis/command-runner";
import { roundTripMs } from "./round-trip";
import { SNAPSHOT_CONFIG_KEYS, type NodeSnapshot } from "./snapshot";

/**
 * One CONFIG GET per name, pipelined: multi-name CONFIG GET needs Redis 7, and a name the server
 * does not know must not sink the others. Never throws: a denied CONFIG is reported in `configError`.
 */
export async function readSnapshotConfig(runner: CommandRunner): Promise<{ config: Record<string, string>; configError?: string }> {
  let config: Record<string, string> = {};
  let configError: string | undefined;
  try {
    const replies = await runner.pipeline(SNAPSHOT_CONFIG_KEYS.map((k) => ["CONFIG", "GET", k]));
    const denied = replies.find(([err]) => err?.code === "redis_command_disabled");
    if (denied) configError = denied[0]!.message;
    for (const [err, value] of replies) if (!err) config = { ...config, ...parseConfigGet(value) };
  } catch (err) {
    configError = (err as Error).message;
  }
  return { config, configError };
}

export async function collectNodeSnapshot(runner: CommandRunner, opts: { slowlogEntries?: number } = {}): Promise<NodeSnapshot> {
  const pingMs = await roundTripMs(runner);
  const info = parseInfo(await runner.call(["INFO", "ALL"]));
  const { config, configError } = await readSnapshotConfig(runner);

  const [[slowErr, slowReply], [, lenReply]] = await runner.pipeline([
    ["SLOWLOG", "GET", String(opts.slowlogEntries ?? 16)],
    ["SLOWLOG", "LEN"],
  ]);
  const snapshot: NodeSnapshot = {
    node: runner.node,
    takenAt: Date.now(),
    pingMs: Math.round(pingMs * 1000) / 1000,
    info,
    config,
    configError,
    slowlog: slowErr ? [] : parseSlowlog(slowReply),
    slowlogLen: Number(lenReply) || 0,
  };
  if (info.fields.cluster_enabled === "1") snapshot.clusterInfo = parseKeyValueLines(await runner.call(["CLUSTER", "INFO"]));
  return snapshot;
}
