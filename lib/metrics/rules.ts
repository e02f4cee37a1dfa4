// The one table of threshold rules (DESIGN.md "Rules"): health findings, live alerts, triage and the
// exported Prometheus rules all read it. Per-instance overrides change a threshold here, nowhere else.
import type { Severity } from "@/lib/probes/finding";

export interface RuleCondition {
  signal: string;
  op: ">" | ">=";
  threshold: number;
}

export interface ThresholdRule {
  /** Stable id; per-instance overrides are keyed by it. */
  id: string;
  signal: string;
  op: ">" | ">=";
  threshold: number;
  /** Further conditions that must hold too (fragmentation: ratio AND bytes AND a non-trivial data set). */
  and?: RuleCondition[];
  /** Seconds the condition must hold before a live alert fires; health reports it at once. */
  forSeconds: number;
  severity: Exclude<Severity, "ok">;
  findingCode: string;
  playbook: string | null;
  unit: "%" | "ratio" | "bytes" | "ms" | "count" | "flag" | "s";
  /** Human sentence; `{value}` and `{threshold}` are filled in. */
  message: string;
  /** Where the default comes from, shown next to it. */
  source: string;
}

const MB = 1024 * 1024;
const REF = "Incident reference (redis-postmortems-10-incidents.md)";

export const RULES: readonly ThresholdRule[] = [
  {
    id: "fragmentation-warning", signal: "memory.fragmentation_ratio", op: ">", threshold: 1.5,
    and: [
      { signal: "memory.fragmentation_bytes", op: ">=", threshold: 10 * MB },
      { signal: "memory.used_bytes", op: ">=", threshold: 5 * MB },
    ],
    forSeconds: 300, severity: "warning", findingCode: "fragmentation.ratio-high", playbook: "fragmentation", unit: "ratio",
    message: "Memory fragmentation ratio {value} (above {threshold}) with at least 10 MB fragmented",
    source: `${REF}: 1.5; MEMORY DOCTOR's floors: 10 MB fragmented, 5 MB used (an empty server's RSS is mostly code)`,
  },
  {
    id: "fragmentation-critical", signal: "memory.fragmentation_ratio", op: ">", threshold: 2.0,
    and: [
      { signal: "memory.fragmentation_bytes", op: ">=", threshold: 100 * MB },
      { signal: "memory.used_bytes", op: ">=", threshold: 5 * MB },
    ],
    forSeconds: 300, severity: "critical", findingCode: "fragmentation.ratio-high", playbook: "fragmentation", unit: "ratio",
    message: "Memory fragmentation ratio {value} (above {threshold}) with at least 100 MB fragmented",
    source: `${REF}: 2.0; 100 MB floor so small data sets are not flagged`,
  },
  {
    id: "memory-warning", signal: "memory.used_pct_of_max", op: ">=", threshold: 70,
    forSeconds: 300, severity: "warning", findingCode: "memory.near-maxmemory", playbook: "bigkey", unit: "%",
    message: "Memory use is {value}% of maxmemory (warning at {threshold}%)", source: "Redline default: headroom for a fork and a burst",
  },
  {
    id: "memory-critical", signal: "memory.used_pct_of_max", op: ">=", threshold: 90,
    forSeconds: 60, severity: "critical", findingCode: "memory.near-maxmemory", playbook: "bigkey", unit: "%",
    message: "Memory use is {value}% of maxmemory (critical at {threshold}%)", source: "Redline default: evictions or OOM errors are near",
  },
  {
    id: "clients-warning", signal: "clients.connected_pct_of_max", op: ">=", threshold: 80,
    forSeconds: 60, severity: "warning", findingCode: "clients.near-maxclients", playbook: "connection-exhaustion", unit: "%",
    message: "{value}% of maxclients in use (warning at {threshold}%)", source: `${REF}: 80 % of maxclients`,
  },
  {
    id: "clients-critical", signal: "clients.connected_pct_of_max", op: ">=", threshold: 95,
    forSeconds: 0, severity: "critical", findingCode: "clients.near-maxclients", playbook: "connection-exhaustion", unit: "%",
    message: "{value}% of maxclients in use: new connections are about to be refused", source: "Redline default",
  },
  {
    id: "clients-rejected", signal: "clients.rejected_total", op: ">", threshold: 0,
    forSeconds: 0, severity: "warning", findingCode: "clients.rejected", playbook: "connection-exhaustion", unit: "count",
    message: "{value} connections refused since the server started (max number of clients reached)", source: "Redline default: any refusal is an outage for someone",
  },
  {
    id: "replica-gap", signal: "replication.replica_gap_pct_of_backlog", op: ">=", threshold: 80,
    forSeconds: 30, severity: "warning", findingCode: "replication.gap-near-backlog", playbook: "replication-backlog", unit: "%",
    message: "A replica is {value}% of the backlog behind: past 100% it needs a full resync", source: `${REF}: 80 % backlog use`,
  },
  {
    id: "replica-gap-critical", signal: "replication.replica_gap_pct_of_backlog", op: ">=", threshold: 100,
    forSeconds: 0, severity: "critical", findingCode: "replication.gap-near-backlog", playbook: "replication-backlog", unit: "%",
    message: "A replica is {value}% of the backlog behind: a partial resync is no longer possible", source: "Redis: the backlog is a ring buffer of repl-backlog-size bytes",
  },
  {
    id: "replicas-not-online", signal: "replication.replicas_not_online", op: ">", threshold: 0,
    forSeconds: 30, severity: "warning", findingCode: "replication.replica-not-online", playbook: "replication-backlog", unit: "count",
    message: "{value} replica(s) not online (syncing or waiting for a full sync)", source: "Redline default",
  },
  {
    id: "partial-sync-errors", signal: "replication.sync_partial_err_excess", op: ">", threshold: 0,
    forSeconds: 0, severity: "warning", findingCode: "replication.partial-sync-failed", playbook: "replication-backlog", unit: "count",
    message: "{value} more partial resyncs refused than there are replicas: replicas fell off the backlog and needed full syncs",
    source: "Redline default (the first sync of each replica may count one refusal)",
  },
  {
    id: "replica-link-down", signal: "replication.link_down", op: ">", threshold: 0,
    forSeconds: 10, severity: "critical", findingCode: "replication.link-down", playbook: "replication-backlog", unit: "flag",
    message: "This replica's link to its master is down", source: "Redline default",
  },
  {
    id: "slow-command", signal: "slowlog.recent_max_ms", op: ">=", threshold: 100,
    forSeconds: 0, severity: "warning", findingCode: "slowlog.slow-command", playbook: "bigkey", unit: "ms",
    message: "A command took {value} ms in the last 15 minutes (threshold {threshold} ms)", source: "Redline default; the reference logs from 10 ms",
  },
  {
    id: "blocking-command", signal: "slowlog.recent_blocking", op: ">", threshold: 0,
    forSeconds: 0, severity: "warning", findingCode: "slowlog.blocking-command", playbook: "keys-blocking", unit: "count",
    message: "{value} blocking command(s) (KEYS, HGETALL, SMEMBERS…) in the slowlog in the last 15 minutes", source: REF,
  },
  {
    id: "ping-slow", signal: "latency.ping_ms", op: ">=", threshold: 50,
    forSeconds: 30, severity: "warning", findingCode: "latency.ping-high", playbook: "bigkey", unit: "ms",
    message: "PING took {value} ms (threshold {threshold} ms)", source: "Redline default: a healthy Redis answers PING in well under 1 ms",
  },
  {
    id: "rdb-failed", signal: "persistence.rdb_failed", op: ">", threshold: 0,
    forSeconds: 0, severity: "critical", findingCode: "persistence.bgsave-failed", playbook: "aof-disk-full", unit: "flag",
    message: "The last background save failed: with stop-writes-on-bgsave-error yes, writes are refused (MISCONF)", source: "Redis: rdb_last_bgsave_status",
  },
  {
    id: "aof-write-failed", signal: "persistence.aof_write_failed", op: ">", threshold: 0,
    forSeconds: 0, severity: "critical", findingCode: "persistence.aof-write-failed", playbook: "aof-disk-full", unit: "flag",
    message: "The last AOF write failed (disk full or I/O error)", source: "Redis: aof_last_write_status",
  },
  {
    id: "aof-rewrite-failed", signal: "persistence.aof_rewrite_failed", op: ">", threshold: 0,
    forSeconds: 0, severity: "warning", findingCode: "persistence.aof-rewrite-failed", playbook: "aof-disk-full", unit: "flag",
    message: "The last AOF rewrite failed", source: "Redis: aof_last_bgrewrite_status",
  },
  {
    id: "cluster-state", signal: "cluster.state_fail", op: ">", threshold: 0,
    forSeconds: 0, severity: "critical", findingCode: "cluster.state-fail", playbook: "split-brain", unit: "flag",
    message: "This node reports cluster_state:fail", source: "Redis: CLUSTER INFO",
  },
  {
    id: "cluster-slots-pfail", signal: "cluster.slots_pfail", op: ">", threshold: 0,
    forSeconds: 0, severity: "warning", findingCode: "cluster.node-suspected", playbook: "split-brain", unit: "count",
    message: "{value} slots are served by a node this node suspects is failing (PFAIL)", source: "Redis: CLUSTER INFO",
  },
  {
    id: "cluster-slots-fail", signal: "cluster.slots_fail", op: ">", threshold: 0,
    forSeconds: 0, severity: "critical", findingCode: "cluster.node-failed", playbook: "split-brain", unit: "count",
    message: "{value} slots are served by a node marked FAIL", source: "Redis: CLUSTER INFO",
  },
];

/** Per-instance threshold overrides: rule id → threshold. */
export type RuleOverrides = Record<string, number>;

export function effectiveRules(overrides: RuleOverrides = {}): ThresholdRule[] {
  return RULES.map((r) => (r.id in overrides ? { ...r, threshold: overrides[r.id]! } : r));
}
