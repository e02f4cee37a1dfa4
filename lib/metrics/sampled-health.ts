// Instance health from the sampler's latest samples, so the health endpoint and the fleet list do
// not send Redis a command per request. Only when every node's latest sample (or classified error)
// is at most two intervals old; otherwise the caller reads live.
import "server-only";
import type { InstanceConnectionConfig } from "@/lib/store/instances-repo";
import { buildInstanceHealth, type InstanceHealth } from "./instance-health";
import { effectiveRules } from "./rules";
import type { Sampler } from "./sampler";
import { getSampler } from "./sampler-registry";

export function sampledHealth(config: InstanceConnectionConfig, sampler: Sampler | undefined = getSampler(), now = Date.now()): InstanceHealth | undefined {
  const instance = sampler?.instances.get(config.id);
  if (!sampler || !instance || instance.nodes.size === 0) return undefined;
  const nodes = [...instance.nodes.values()];
  const maxAge = 2 * sampler.intervalMs;
  if (nodes.some((n) => !n.latest || now - n.latest.at > maxAge)) return undefined;
  const latest = nodes.map((n) => n.latest!);
  return buildInstanceHealth({
    instanceId: config.id,
    mode: config.mode,
    startedAt: Math.min(...latest.map((l) => l.at - l.durationMs)),
    checkedAt: Math.max(...latest.map((l) => l.at)),
    source: "sampler",
    rules: effectiveRules(config.ruleOverrides),
    // Instance-wide signals (slots claimed twice) are shown once, on the first node.
    nodes: nodes.map((n, i) => ({
      node: n.node,
      snapshot: n.latest!.snapshot,
      error: n.latest!.error,
      signals: n.latest!.snapshot ? (i === 0 ? { ...n.latest!.signals, ...instance.instanceSignals } : n.latest!.signals) : undefined,
    })),
  });
}
