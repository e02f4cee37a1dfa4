// An instance's health: from the sampler's latest samples when they are fresh (no Redis command per
// request), else read now: topology, then a snapshot of every node in parallel, each bounded by the
// command timeout so a dead node never holds up the others. Live results are shared for a moment so
// that the fleet page, the instance page and the API do not each hit Redis.
import "server-only";
import type { InstanceConnectionConfig } from "@/lib/store/instances-repo";
import { getConnectionManager } from "@/lib/redis/connection-manager";
import { toProbeError } from "@/lib/probes/context";
import { standaloneTopology, type TopologyNode } from "@/lib/redis/topology";
import { collectNodeSnapshot } from "./collect-snapshot";
import { buildInstanceHealth, type InstanceHealth } from "./instance-health";
import { effectiveRules } from "./rules";
import { sampledHealth } from "./sampled-health";
import type { NodeSnapshot } from "./snapshot";

const SHARE_MS = 1500;
const cacheKey = Symbol.for("redline.healthCache");
type Cache = Map<string, { at: number; value: Promise<InstanceHealth> }>;
function cache(): Cache {
  const g = globalThis as typeof globalThis & { [cacheKey]?: Cache };
  return (g[cacheKey] ??= new Map());
}

async function readHealth(config: InstanceConnectionConfig): Promise<InstanceHealth> {
  const startedAt = Date.now();
  const rules = effectiveRules(config.ruleOverrides);
  const conns = getConnectionManager().forInstance(config);
  let nodes: TopologyNode[];
  try {
    nodes = (await conns.topology()).nodes;
  } catch (err) {
    const seed = standaloneTopology(config.host, config.port).nodes[0]!;
    return buildInstanceHealth({ instanceId: config.id, mode: config.mode, startedAt, nodes: [{ node: seed, error: toProbeError(err) }], rules });
  }
  const results = await Promise.all(
    nodes.map(async (node): Promise<{ node: TopologyNode; snapshot?: NodeSnapshot; error?: ReturnType<typeof toProbeError> }> => {
      try {
        return { node, snapshot: await collectNodeSnapshot(conns.runner(node)) };
      } catch (err) {
        return { node, error: toProbeError(err) };
      }
    }),
  );
  return buildInstanceHealth({ instanceId: config.id, mode: config.mode, startedAt, nodes: results, rules });
}

/** `fresh: true` always reads Redis now; otherwise a fresh sampler sample (≤ 2 intervals old) answers. */
export function getInstanceHealth(config: InstanceConnectionConfig, opts: { fresh?: boolean } = {}): Promise<InstanceHealth> {
  if (!opts.fresh) {
    const sampled = sampledHealth(config);
    if (sampled) return Promise.resolve(sampled);
  }
  const c = cache();
  const hit = c.get(config.id);
  if (!opts.fresh && hit && Date.now() - hit.at < SHARE_MS) return hit.value;
  const value = readHealth(config);
  c.set(config.id, { at: Date.now(), value });
  return value;
}

export function forgetHealth(instanceId: string): void {
  cache().delete(instanceId);
}
