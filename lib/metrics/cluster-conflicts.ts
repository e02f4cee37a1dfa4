// Split-brain signal from the sampler's CLUSTER NODES round: how many slots different nodes' views
// give to different masters (CORRECTIONS #5). Pure; reuses the cluster probe's view comparison.
import { parseClusterNodes } from "@/lib/parse/cluster-nodes";
import { compareClusterViews } from "@/lib/probes/cluster-views";

export interface RawClusterView {
  observer: string;
  info?: Record<string, string>;
  text: string;
}

export function conflictingSlots(views: readonly RawClusterView[]): number {
  if (views.length < 2) return 0;
  return compareClusterViews(views.map((v) => ({ observer: v.observer, info: v.info ?? {}, nodes: parseClusterNodes(v.text) }))).summary.conflictSlots;
}
