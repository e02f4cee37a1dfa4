// Reads what the sampler remembers about an instance for triage: the latest derived signals and
// counters of each node, its last restart, open alerts, and the chart markers of the recent window.
import "server-only";
import { getSampler } from "@/lib/metrics/sampler-registry";
import type { Marker } from "@/lib/metrics/marker";
import type { NodeSampler } from "@/lib/metrics/node-sampler";
import { effectiveRules } from "@/lib/metrics/rules";
import { readMarkers } from "@/lib/store/metric-markers-repo";
import { getStore } from "@/lib/store/get-store";
import { logger } from "@/lib/log/logger";
import type { TriageHistory, TriageNodeHistory } from "./triage-input";
import { EVENT_WINDOW_SECONDS } from "./windows";

/** What one node's sampler remembers, in triage's terms. */
export function nodeHistoryOf(n: NodeSampler): TriageNodeHistory {
  return {
    node: n.node.address,
    signals: n.latest?.signals ?? {},
    counters: n.history?.counters ?? [],
    ...(n.history?.restart ? { restart: n.history.restart } : {}),
  };
}

/** undefined when no sampler runs in this process or it does not sample this instance. */
export async function readTriageHistory(instanceId: string, now: number): Promise<TriageHistory | undefined> {
  const sampler = getSampler();
  const instance = sampler?.instances.get(instanceId);
  if (!sampler || !instance) return undefined;
  const nodes = [...instance.nodes.values()].map(nodeHistoryOf);
  let markers: Marker[] = [];
  try {
    const { db } = await getStore();
    markers = await readMarkers(db, instanceId, now - EVENT_WINDOW_SECONDS * 1000, now + 1);
  } catch (err) {
    // Markers are context; triage goes on without them.
    logger.warn({ instanceId, err: String(err) }, "triage could not read markers");
  }
  return { alerts: sampler.engine.openAlerts(instanceId), markers, nodes, rules: effectiveRules(instance.config.ruleOverrides) };
}
