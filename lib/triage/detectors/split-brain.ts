// Detects two nodes acting as master for the same data after a partition (incident 5). Pure.
//
// Reasoning: slots claimed by different masters in different nodes' CLUSTER NODES is the split
// itself (0.9). After the partition heals the views agree again; what remains is the trace: a
// failover marker, a master demoted to replica WITHOUT restarting (it was cut off, not crashed), and
// CLUSTERDOWN replies counted on the node that stopped accepting writes after cluster-node-timeout.
// Each is moderate; together they tell the story. Cluster state failures alone also fit a plain
// crash, so they stay below the threshold unless corroborated. Missing write fencing
// (min-replicas-to-write 0) is context.
import type { DetectResult } from "@/lib/playbooks/schema";
import { derived, detectResult, fromCodes, type Piece } from "../evidence";
import type { TriageInput } from "../triage-input";
import { errorstat, triageView } from "../triage-view";
import { EVENT_WINDOW_SECONDS } from "../windows";

export function detectSplitBrain(input: TriageInput): DetectResult {
  const view = triageView(input);
  const pieces: Piece[] = fromCodes(view, [
    { code: "cluster.slot-conflict", weight: 0.9 },
    { code: "cluster.views-disagree", weight: 0.5 },
    { code: "cluster.state-fail", weight: 0.45 },
    { code: "cluster.node-failed", weight: 0.4 },
    { code: "cluster.node-suspected", weight: 0.3 },
    // The live form of "a master became a replica without restarting" once the partition healed.
    { code: "cluster.master-demoted", weight: 0.35 },
    { code: "config.min-replicas-to-write-not-recommended", weight: 0.1, support: true },
    { code: "config.cluster-node-timeout-not-recommended", weight: 0.1, support: true },
  ]);

  const since = view.now - EVENT_WINDOW_SECONDS * 1000;
  const recent = view.markers.filter((m) => m.t >= since);
  const failover = recent.find((m) => m.kind === "failover");
  if (failover) pieces.push(derived("server.failover", "warning", `A replica was promoted: ${failover.detail}`, { node: failover.node, at: new Date(failover.t).toISOString() }, 0.3));
  const restarted = new Set(recent.filter((m) => m.kind === "restart").map((m) => m.node));
  const demoted = recent.find((m) => m.kind === "role-change" && /master → replica/.test(m.detail));
  if (demoted) {
    const alive = !restarted.has(demoted.node);
    pieces.push(
      derived("server.role-change", "warning", alive ? `A master became a replica without restarting (${demoted.node}): it had been cut off` : `A master restarted as a replica (${demoted.node})`, {
        node: demoted.node,
        restarted: alive ? "no" : "yes",
        at: new Date(demoted.t).toISOString(),
      }, alive ? 0.35 : 0.15),
    );
  }

  const clusterDown = errorstat(view, "CLUSTERDOWN");
  if (clusterDown > 0) {
    pieces.push(derived("cluster.clusterdown-replies", "warning", `${clusterDown} CLUSTERDOWN replies since start: a node refused commands while it could not see the majority`, { errorstat: "CLUSTERDOWN", count: clusterDown }, 0.35));
  }
  return detectResult(pieces);
}
