// Probe: CLUSTER INFO and CLUSTER NODES as seen from every node, compared: who owns each slot range
// according to whom, conflicting owners, unknown nodes, failure flags and cluster_state per node.
import "server-only";
import { z } from "zod";
import { parseClusterNodes } from "@/lib/parse/cluster-nodes";
import { infoString, parseKeyValueLines } from "@/lib/parse/info";
import { clusterFindings } from "./cluster-findings";
import { compareClusterViews, type ClusterComparison, type ClusterView, type ObserverRow, type SlotRangeRow } from "./cluster-views";
import { defineProbe } from "./probe";
import { readInfo, throwIfAllFailed } from "./probe-support";

export type ClusterData =
  | { enabled: false }
  | {
      enabled: true;
      summary: ClusterComparison["summary"] & { observersFailed: number };
      /** Slot ranges with their owner in every view. */
      rows: SlotRangeRow[];
      conflicts: SlotRangeRow[];
      nodes: ClusterComparison["nodes"];
      observers: Array<ObserverRow | { observer: string; error?: { code: string; message: string } }>;
    };

export const clusterProbe = defineProbe({
  id: "cluster",
  title: "Cluster views",
  description: "CLUSTER NODES from every node compared: slot owners per view, conflicts, failure flags and cluster state.",
  cost: "O(1)",
  redisCli: "redis-cli --cluster call <host>:<port> CLUSTER INFO && redis-cli --cluster call <host>:<port> CLUSTER NODES",
  params: z.object({}).strict(),
  async run(ctx) {
    const topology = await ctx.topology();
    if (topology.mode !== "cluster") {
      // Registered as standalone: it may still be a cluster node, which CLUSTER commands would show.
      const info = await readInfo(ctx.runner(), ["cluster"]);
      if (infoString(info, "cluster_enabled") !== "1") return { data: { enabled: false } as ClusterData, findings: [] };
    }
    const outcomes = await ctx.forEachNode(async (runner, node): Promise<ClusterView> => {
      const [[infoErr, info], [nodesErr, nodes], [, server]] = await runner.pipeline([
        ["CLUSTER", "INFO"],
        ["CLUSTER", "NODES"],
        // Uptime tells a master demoted while cut off (still running) from one that crashed and came back.
        ["INFO", "server"],
      ]);
      if (infoErr) throw infoErr;
      if (nodesErr) throw nodesErr;
      const uptime = Number(parseKeyValueLines(server ?? "").uptime_in_seconds);
      return { observer: node.address, info: parseKeyValueLines(info), nodes: parseClusterNodes(nodes), uptimeSeconds: Number.isFinite(uptime) ? uptime : null };
    });
    throwIfAllFailed(outcomes);

    const cmp = compareClusterViews(outcomes.flatMap((o) => (o.value ? [o.value] : [])));
    const observerRows = new Map(cmp.observers.map((o) => [o.observer, o]));
    const data: ClusterData = {
      enabled: true,
      summary: { ...cmp.summary, observersFailed: outcomes.filter((o) => o.error).length },
      rows: cmp.slotRanges,
      conflicts: cmp.conflicts,
      nodes: cmp.nodes,
      observers: outcomes.map((o) => observerRows.get(o.node.address) ?? { observer: o.node.address, error: o.error }),
    };
    return { data, findings: clusterFindings(cmp), partial: outcomes.some((o) => o.error) };
  },
});
