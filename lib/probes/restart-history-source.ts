// Where the restart-history probe learns what a node looked like before it restarted. By default the
// sampler running in this process (its node history keeps the last restart: keys before and after);
// the lead can install another source (persisted chart markers, for a dashboard that restarted too).
import "server-only";
import { getSampler } from "@/lib/metrics/sampler-registry";
import type { RestartHistory } from "./restart-analysis";

export type RestartHistorySource = (instanceId: string, node: string) => RestartHistory | undefined;

export const samplerRestartHistory: RestartHistorySource = (instanceId, node) => {
  const history = getSampler()?.instances.get(instanceId)?.nodes.get(node)?.history;
  if (!history) return undefined;
  const r = history.restart;
  return {
    source: "sampler (this process)",
    restartAt: r?.t ?? null,
    keysBefore: r?.keysBefore ?? null,
    keysAfter: r?.keysAfter ?? null,
    lostPct: r?.lostPct ?? null,
  };
};

let current: RestartHistorySource = samplerRestartHistory;

export function restartHistorySource(): RestartHistorySource {
  return current;
}

/** Replaces the source (tests; a store-backed source later). */
export function setRestartHistorySource(source: RestartHistorySource): void {
  current = source;
}
