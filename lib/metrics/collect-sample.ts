// One sampler tick on one node, kept cheap: a few PING round trips, then one pipelined round trip
// with INFO (default sections), SLOWLOG LEN and the newest entries, CLUSTER INFO on clusters, and
// only when asked CLUSTER NODES, INFO commandstats and the CONFIG values the rules need.
import "server-only";
import { parseInfo, parseKeyValueLines, type CommandStat } from "@/lib/parse/info";
import { parseSlowlog } from "@/lib/parse/slowlog";
import type { CommandRunner } from "@/lib/redis/command-runner";
import { readSnapshotConfig } from "./collect-snapshot";
import { roundTripMs } from "./round-trip";
import type { NodeSnapshot } from "./snapshot";

export interface SampleRequest {
  pings: number;
  slowlogEntries: number;
  /** CLUSTER INFO: O(1), needed every tick for cluster_state. */
  cluster: boolean;
  /** CLUSTER NODES this tick (to compare views across nodes). */
  clusterNodes: boolean;
  /** CONFIG GET and INFO commandstats this tick: they change rarely and cost more. */
  extras: boolean;
}

export interface CollectedSample {
  snapshot: NodeSnapshot;
  pingsMs: number[];
  clusterNodesText?: string;
  /** Present when `extras` was asked and CONFIG answered (possibly with a denial in configError). */
  config?: { values: Record<string, string>; error?: string };
  commandstats?: CommandStat[];
}

export async function collectSample(runner: CommandRunner, req: SampleRequest): Promise<CollectedSample> {
  // Sequential on purpose: each PING is one round trip, the latency being measured.
  const pingsMs: number[] = [];
  for (let i = 0; i < req.pings; i++) pingsMs.push(await roundTripMs(runner));

  const wanted: Array<[string, string[]]> = [
    ["info", ["INFO"]],
    ["slowlogLen", ["SLOWLOG", "LEN"]],
    ["slowlog", ["SLOWLOG", "GET", String(req.slowlogEntries)]],
  ];
  if (req.cluster) wanted.push(["clusterInfo", ["CLUSTER", "INFO"]]);
  if (req.cluster && req.clusterNodes) wanted.push(["clusterNodes", ["CLUSTER", "NODES"]]);
  if (req.extras) wanted.push(["commandstats", ["INFO", "commandstats"]]);
  const replies = await runner.pipeline(wanted.map(([, argv]) => argv));
  const got = new Map(wanted.map(([key], i) => [key, replies[i]!]));
  const ok = (key: string): unknown => {
    const r = got.get(key);
    return r && !r[0] ? r[1] : undefined;
  };

  // Without INFO there is no sample: BUSY, LOADING… are the sample's classified error.
  const infoErr = got.get("info")![0];
  if (infoErr) throw infoErr;
  const slowlog = ok("slowlog");
  const clusterInfo = ok("clusterInfo");
  const clusterNodes = ok("clusterNodes");
  const out: CollectedSample = {
    snapshot: {
      node: runner.node,
      takenAt: Date.now(),
      pingMs: median(pingsMs),
      info: parseInfo(ok("info")),
      config: {},
      slowlog: slowlog === undefined ? [] : parseSlowlog(slowlog),
      slowlogLen: Number(ok("slowlogLen")) || 0,
      ...(clusterInfo === undefined ? {} : { clusterInfo: parseKeyValueLines(clusterInfo) }),
    },
    pingsMs,
    ...(clusterNodes === undefined ? {} : { clusterNodesText: String(clusterNodes) }),
  };

  if (req.extras) {
    const stats = ok("commandstats");
    if (stats !== undefined) out.commandstats = parseInfo(stats).commandstats;
    const { config, configError } = await readSnapshotConfig(runner);
    out.config = { values: config, error: configError };
  }
  return out;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
