// Where the restart-history probe learns what a node looked like before it restarted. By default the
// sampler running in this process (its node history keeps the last restart: keys before and after);
// the lead can install another source (persisted chart markers, for a dashboard that restarted too).
import "server-only";
import { getSampler } from "@/lib/metrics/sampler-registry";
import type { RestartHistory } from "./restart-analysis";

export type RestartHistorySource = (instanceId: string, node: string) => RestartHistory | undefined;

type NodeHistory = { restart?: { t: number; keysBefore: number | null; keysAfter: number | null; lostPct: number | null } | null };

/** What one node sampler remembers of the node's last restart, as the probe reads it. */
export function restartHistoryOf(history: NodeHistory, source: string): RestartHistory {
  const r = history.restart;
  return { source, restartAt: r?.t ?? null, keysBefore: r?.keysBefore ?? null, keysAfter: r?.keysAfter ?? null, lostPct: r?.lostPct ?? null };
}

export const samplerRestartHistory: RestartHistorySource = (instanceId, node) => {
  const history = getSampler()?.instances.get(instanceId)?.nodes.get(node)?.history;
  return history ? restartHistoryOf(history, "sampler (this process)") : undefined;
};

let current: RestartHistorySource = samplerRestartHistory;

export function restartHistorySource(): RestartHistorySource {
  return current;
}

/** Replaces the source (tests; a store-backed source later). */
export function setRestartHistorySource(source: RestartHistorySource): void {
  current = source;
}
