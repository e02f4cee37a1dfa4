// Detects replicas falling off the replication backlog into full resyncs (incident 2). Pure.
//
// Reasoning: a full resync in the last minutes (sampler history) is the incident (0.7). Partial
// resyncs refused beyond one per replica (counters since start), a replica not online, or a replica
// whose link is down are each halfway (0.45–0.5) and confident together. A replica further behind
// than the backlog (0.5 critical, 0.35 warning) would need a full resync IF it disconnected now; a
// healthy replica catching up after a bulk load looks the same, so it needs a second signal. A
// backlog that covers less than the rule's minimum outage, or a calculator saying it is too small,
// is exposure, not an outage: context only.
import type { DetectResult } from "@/lib/playbooks/schema";
import { derived, detectResult, fromCodes, type Piece } from "../evidence";
import type { TriageInput } from "../triage-input";
import { infoOf, triageView } from "../triage-view";

export function detectReplicationBacklog(input: TriageInput): DetectResult {
  const view = triageView(input);
  const pieces: Piece[] = fromCodes(view, [
    { code: "replication.full-sync", weight: 0.7 },
    { code: "replication.gap-near-backlog", weight: { critical: 0.5, warning: 0.35 } },
    { code: "replication.partial-sync-failed", weight: 0.5 },
    // Also a replaced replica (a rescheduled pod), so a little less than a refused partial resync.
    { code: "replication.full-sync-repeated", weight: 0.45 },
    { code: "replication.replica-not-online", weight: 0.45 },
    { code: "replication.link-down", weight: 0.45 },
    { code: "replication.backlog-covers-short", weight: 0.3, support: true },
    { code: "replication.backlog-too-small", weight: 0.3, support: true },
    { code: "config.repl-backlog-size-not-recommended", weight: 0.1, support: true },
  ]);
  // A replica in the middle of a full sync (it loads the master's RDB): the resync is happening now.
  const syncing = view.nodes.filter((n) => infoOf(n, "master_sync_in_progress") === 1);
  if (syncing.length > 0) {
    pieces.push(derived("replication.sync-in-progress", "warning", `${syncing.length} replica(s) are receiving a full sync right now`, { node: syncing.map((n) => n.node).join(", ") }, 0.35));
  }
  return detectResult(pieces);
}
