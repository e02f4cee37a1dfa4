// The one table of threshold rules (DESIGN.md "Rules"): health findings, live alerts, triage and the
// exported Prometheus rules all read it. Per-instance overrides change a threshold here, nowhere else.
import type { ThresholdRule } from "./rule-types";
import { RATE_WINDOW_SECONDS, RECENT_WINDOW_SECONDS } from "./signal-windows";

export type { RuleCondition, RuleOp, ThresholdRule } from "./rule-types";

const MB = 1024 * 1024;
const REF = "Incident reference (redis-postmortems-10-incidents.md)";

export const RULES: readonly ThresholdRule[] = [
  {
    id: "fragmentation-warning", signal: "memory.fragmentation_ratio", op: ">", threshold: 1.5,
    and: [
      { signal: "memory.fragmentation_bytes", op: ">=", threshold: 10 * MB },
      { signal: "memory.used_bytes", op: ">=", threshold: 5 * MB },
    ],
    forSeconds: 60, severity: "warning", findingCode: "fragmentation.ratio-high", playbook: "fragmentation", unit: "ratio",
    message: "Memory fragmentation ratio {value} (above {threshold}) with at least 10 MB fragmented",
    source: `${REF}: 1.5; MEMORY DOCTOR's floors: 10 MB fragmented, 5 MB used (an empty server's RSS is mostly code)`,
  },
  {
    id: "fragmentation-critical", signal: "memory.fragmentation_ratio", op: ">", threshold: 2.0,
    and: [
      { signal: "memory.fragmentation_bytes", op: ">=", threshold: 100 * MB },
      { signal: "memory.used_bytes", op: ">=", threshold: 5 * MB },
    ],
    forSeconds: 60, severity: "critical", findingCode: "fragmentation.ratio-high", playbook: "fragmentation", unit: "ratio",
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
    forSeconds: 0, alert: false, severity: "warning", findingCode: "clients.rejected", playbook: "connection-exhaustion", unit: "count",
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
    forSeconds: 0, alert: false, severity: "warning", findingCode: "replication.partial-sync-failed", playbook: "replication-backlog", unit: "count",
    message: "{value} more partial resyncs refused than there are replicas: replicas fell off the backlog and needed full syncs",
    source: "Redline default (the first sync of each replica may count one refusal)",
  },
  {
    id: "full-syncs-repeated", signal: "replication.sync_full_excess", op: ">", threshold: 0,
    forSeconds: 0, alert: false, severity: "warning", findingCode: "replication.full-sync-repeated", playbook: "replication-backlog", unit: "count",
    message: "{value} more full syncs than there are replicas since start: a replica fell off the backlog (or a replica was replaced)",
    source: "Redline default (each replica's first sync is a full one)",
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
  // Rules over the sampler's history (rates, deltas over a window, events): health shows them when
  // the sampler's latest sample is fresh; a single live look cannot compute them.
  {
    id: "clients-rejecting", signal: "clients.rejected_last_min", op: ">", threshold: 0,
    forSeconds: 0, severity: "critical", findingCode: "clients.rejecting", playbook: "connection-exhaustion", unit: "count",
    message: "{value} connections refused in the last minute: maxclients is reached", source: "Redline default: a refusal is an outage for that client",
  },
  {
    id: "backlog-covers-short", signal: "replication.backlog_coverage_seconds", op: "<", threshold: 60,
    and: [{ signal: "replication.backlog_in_use", op: ">", threshold: 0 }],
    forSeconds: 60, severity: "warning", findingCode: "replication.backlog-covers-short", playbook: "replication-backlog", unit: "s",
    message: "At the current write rate the backlog covers a replica outage of only {value} s (less than {threshold} s): a longer one forces a full resync",
    source: "CORRECTIONS #2: repl_backlog_size / (Δmaster_repl_offset/Δt); Redline default 60 s",
  },
  {
    id: "full-syncs", signal: "replication.full_syncs_recent", op: ">", threshold: 0,
    forSeconds: 0, severity: "warning", findingCode: "replication.full-sync", playbook: "replication-backlog", unit: "count",
    message: `{value} full resync(s) in the last ${RECENT_WINDOW_SECONDS / 60} minutes: a replica could not continue from the backlog`,
    source: `${REF}: sync_full increasing; Δsync_full over ${RECENT_WINDOW_SECONDS / 60} minutes`,
  },
  {
    // A finding, not an alert: one slow command now and then (a fork, a busy host) is normal on a
    // healthy server; slow-command above pages when it matters.
    id: "slowlog-new-entries", signal: "slowlog.new_entries_last_min", op: ">", threshold: 0,
    forSeconds: 0, alert: false, severity: "info", findingCode: "slowlog.new-entries", playbook: "bigkey", unit: "count",
    message: "{value} new slowlog entries in the last minute", source: `${REF}: watch the slowlog; counted by entry id, over ${RATE_WINDOW_SECONDS} s`,
  },
  {
    // `for` longer than the 1-minute window: one slow PING (a p99 of ~90 PINGs is their maximum)
    // leaves the window before it could fire; only lasting slowness does.
    id: "ping-p99", signal: "latency.ping_p99_ms", op: ">=", threshold: 100,
    forSeconds: 90, severity: "warning", findingCode: "latency.ping-high", playbook: "bigkey", unit: "ms",
    message: "PING p99 is {value} ms over the last minute (threshold {threshold} ms)", source: "Redline default: PING is O(1), a slow one means the event loop is blocked",
  },
  {
    id: "aof-rewrite-long", signal: "persistence.aof_rewrite_seconds", op: ">=", threshold: 600,
    forSeconds: 0, severity: "warning", findingCode: "persistence.aof-rewrite-long", playbook: "aof-disk-full", unit: "s",
    message: "An AOF rewrite has been running for {value} s (threshold {threshold} s): it holds a fork and grows the disk", source: "Redis: aof_current_rewrite_time_sec; Redline default 10 minutes",
  },
  {
    id: "aof-rewrite-waiting", signal: "persistence.aof_rewrite_scheduled", op: ">", threshold: 0,
    forSeconds: 300, severity: "warning", findingCode: "persistence.aof-rewrite-waiting", playbook: "aof-disk-full", unit: "flag",
    message: "An AOF rewrite has been waiting to start for 5 minutes (another fork is running)", source: "Redis: aof_rewrite_scheduled",
  },
  {
    id: "restart-empty", signal: "server.restart_keys_lost_pct", op: ">=", threshold: 90,
    forSeconds: 0, severity: "critical", findingCode: "server.restarted-empty", playbook: "k8s-data-loss", unit: "%",
    message: `The server restarted (run_id changed) and lost {value}% of its keys in the last ${RECENT_WINDOW_SECONDS / 60} minutes`,
    source: "CORRECTIONS #10: a restart with an empty or much smaller keyspace is how the data loss shows from Redis",
  },
  {
    id: "cluster-slot-conflict", signal: "cluster.conflict_slots", op: ">", threshold: 0,
    forSeconds: 20, severity: "critical", findingCode: "cluster.slot-conflict", playbook: "split-brain", unit: "count",
    message: "{value} slot(s) are claimed by different masters in different nodes' CLUSTER NODES (split brain)",
    source: "CORRECTIONS #5: compare CLUSTER NODES from every node; 20 s lets a normal failover propagate",
  },
  {
    id: "busy-script", signal: "server.busy_script", op: ">", threshold: 0,
    forSeconds: 0, severity: "critical", findingCode: "lua.busy", playbook: "lua-busy", unit: "flag",
    message: "The server answers BUSY: a script or function is running past busy-reply-threshold", source: "Redis: the BUSY error is itself the signal",
  },
  {
    id: "instance-unreachable", signal: "server.unreachable", op: ">", threshold: 0,
    forSeconds: 30, severity: "critical", findingCode: "connection.unreachable", playbook: null, unit: "flag",
    message: "Redline cannot reach this node (refused, timed out or authentication failed)", source: "Redline default",
  },
  // Playbook probes (lib/probes: hotkeys, lua, restart-history, keys-usage, connection-budget,
  // backlog-calculator, persistence): signals a probe measures when an engineer runs it. The sampler
  // never has them, so they are findings only, never live alerts.
  {
    id: "hotkey-lfu-freq", signal: "hotkey.top_lfu_freq", op: ">=", threshold: 100,
    forSeconds: 0, alert: false, severity: "warning", findingCode: "hotkey.found", playbook: "hotkey-stampede", unit: "count",
    message: "The hottest key's LFU counter (OBJECT FREQ) is {value}, at or above {threshold}",
    source: "Redline default: with the default lfu-log-factor 10 a counter of 100 takes tens of thousands of recent accesses (redis.conf LFU table: 1K hits → 18, 100K → 142)",
  },
  {
    id: "hotkey-lfu-dominance", signal: "hotkey.lfu_dominance", op: ">=", threshold: 2,
    forSeconds: 0, alert: false, severity: "warning", findingCode: "hotkey.found", playbook: "hotkey-stampede", unit: "ratio",
    message: "The hottest sampled key's LFU counter is {value}× the runner-up's (or the starting value 5), at or above {threshold}×",
    source: "Redline default: a key re-created at every expiry restarts at LFU counter 5 and never reaches an absolute level; the counter grows logarithmically, so twice the runner-up's means orders of magnitude more accesses",
  },
  {
    id: "hotkey-window-share", signal: "hotkey.top_share_pct", op: ">=", threshold: 20,
    and: [{ signal: "hotkey.sampled_accesses", op: ">=", threshold: 100 }],
    forSeconds: 0, alert: false, severity: "warning", findingCode: "hotkey.found", playbook: "hotkey-stampede", unit: "%",
    message: "One key took {value}% of the key accesses in the sampled window (threshold {threshold}%)",
    source: "Redline default: a fifth of all accesses on one key concentrates the load on one node and one cache entry; at least 100 accesses so a quiet window says nothing",
  },
  {
    id: "hotkey-short-ttl", signal: "hotkey.min_ttl_seconds", op: "<", threshold: 60,
    forSeconds: 0, alert: false, severity: "warning", findingCode: "hotkey.short-ttl", playbook: "hotkey-stampede", unit: "s",
    message: "A hot key expires in {value} s (under {threshold} s): when it goes, every reader misses at once and falls through to the database",
    source: `${REF}: the stampede key had a 60 s TTL; a hot key already gone (PTTL -2) counts as 0 s`,
  },
  {
    id: "hotkey-miss-burst", signal: "keyspace.sampled_miss_pct", op: ">=", threshold: 50,
    and: [{ signal: "keyspace.sampled_misses_per_sec", op: ">=", threshold: 100 }],
    forSeconds: 0, alert: false, severity: "warning", findingCode: "hotkey.miss-burst", playbook: "hotkey-stampede", unit: "%",
    message: "{value}% of key lookups missed while the probe watched (threshold {threshold}%): reads are falling through to the database",
    source: `${REF}: the hit rate fell from 99 % to 20 %; at least 100 misses/s so an idle server is not flagged`,
  },
  {
    id: "lua-threshold-high", signal: "lua.busy_reply_threshold_ms", op: ">", threshold: 5000,
    forSeconds: 0, alert: false, severity: "info", findingCode: "lua.threshold-high", playbook: "lua-busy", unit: "ms",
    message: "busy-reply-threshold is {value} ms (Redis default {threshold} ms): a runaway script blocks every client that long before SCRIPT KILL is accepted",
    source: "Redis default busy-reply-threshold (lua-time-limit before 7.0): 5000 ms (CORRECTIONS #4)",
  },
  {
    id: "restart-recent", signal: "server.uptime_seconds", op: "<", threshold: 600,
    forSeconds: 0, alert: false, severity: "info", findingCode: "restart.recent", playbook: "k8s-data-loss", unit: "s",
    message: "The server started {value} s ago (under {threshold} s): check what it loaded",
    source: "CORRECTIONS #10: from Redis a lost pod shows as a restart (uptime_in_seconds reset); Redline default 10 minutes",
  },
  {
    id: "restart-empty-keyspace", signal: "server.restarted_empty", op: ">", threshold: 0,
    forSeconds: 0, alert: false, severity: "critical", findingCode: "restart.empty-keyspace", playbook: "k8s-data-loss", unit: "flag",
    message: "The server restarted recently with an empty (or much smaller) keyspace and loaded no keys from disk",
    source: "CORRECTIONS #10: restart + empty keyspace + rdb_last_load_keys_loaded:0; 'recently' is rule restart-recent, 'much smaller' rule restart-empty",
  },
  {
    id: "keys-command-used", signal: "commandstats.keys_calls", op: ">", threshold: 0,
    forSeconds: 0, alert: false, severity: "warning", findingCode: "keys.command-used", playbook: "keys-blocking", unit: "count",
    message: "KEYS was called {value} time(s) since the server started: each call walks the whole keyspace on the main thread",
    source: `${REF}: one KEYS * blocked the server for 28 s`,
  },
  {
    id: "keys-command-slow", signal: "slowlog.keys_max_ms", op: ">=", threshold: 100,
    forSeconds: 0, alert: false, severity: "critical", findingCode: "slowlog.keys-command", playbook: "keys-blocking", unit: "ms",
    message: "A KEYS call took {value} ms (threshold {threshold} ms): every other client waited that long",
    source: "Redline default, as for slow-command (100 ms); the reference's KEYS * took 28 s",
  },
  {
    id: "clients-budget-warning", signal: "clients.budget_pct_of_max", op: ">=", threshold: 80,
    forSeconds: 0, alert: false, severity: "warning", findingCode: "clients.budget-exceeded", playbook: "connection-exhaustion", unit: "%",
    message: "The planned connections are {value}% of maxclients (the budget allows {threshold}%)",
    source: `${REF}: total connections < maxclients × 0.8`,
  },
  {
    id: "clients-budget-critical", signal: "clients.budget_pct_of_max", op: ">=", threshold: 100,
    forSeconds: 0, alert: false, severity: "critical", findingCode: "clients.budget-exceeded", playbook: "connection-exhaustion", unit: "%",
    message: "The planned connections are {value}% of maxclients: at peak, new connections are refused",
    source: "Redis: past maxclients a new connection gets ERR max number of clients reached",
  },
  {
    id: "backlog-too-small", signal: "replication.backlog_pct_of_recommended", op: "<", threshold: 100,
    forSeconds: 0, alert: false, severity: "warning", findingCode: "replication.backlog-too-small", playbook: "replication-backlog", unit: "%",
    message: "repl-backlog-size is {value}% of the recommended size (write rate × tolerated outage × 2)",
    source: "CORRECTIONS #2: write rate = Δmaster_repl_offset/Δt; the reference's formula rate × outage × 2",
  },
  {
    id: "backlog-exceeds-memory", signal: "replication.backlog_recommended_pct_of_headroom", op: ">", threshold: 100,
    forSeconds: 0, alert: false, severity: "warning", findingCode: "replication.backlog-exceeds-memory", playbook: "replication-backlog", unit: "%",
    message: "Growing the backlog to the recommended size takes {value}% of the free memory: raising it that far risks running out of memory",
    source: "CORRECTIONS #2: warn when the backlog would exceed available memory (maxmemory − used, or system memory − RSS)",
  },
  {
    id: "misconf-errors", signal: "persistence.misconf_errors_total", op: ">", threshold: 0,
    forSeconds: 0, alert: false, severity: "critical", findingCode: "persistence.misconf-errors", playbook: "aof-disk-full", unit: "count",
    message: "{value} command(s) were refused with MISCONF since the server started: writes failed because persistence failed",
    source: "Redis: INFO errorstats errorstat_MISCONF (CORRECTIONS #9: MISCONF means writes are refused)",
  },
  // Per-key thresholds of the bigkeys probe: evaluated key by key on a scan's results, never a live alert.
  {
    id: "bigkey-bytes", signal: "bigkey.bytes", op: ">=", threshold: 10 * MB,
    forSeconds: 0, alert: false, severity: "warning", findingCode: "bigkey.found", playbook: "bigkey", unit: "bytes",
    message: "The key holds {value} (MEMORY USAGE; threshold {threshold})",
    source: "Redline default 10 MB: reading or deleting it whole holds the main thread for milliseconds (incident 1: 28 MB, ~200 ms per HGETALL). Cloud design guides call a 10 KB string or a 50 MB collection big already (Huawei Cloud DCS, 'What Are Big Keys')",
  },
  {
    id: "bigkey-elements", signal: "bigkey.elements", op: ">=", threshold: 100_000,
    forSeconds: 0, alert: false, severity: "warning", findingCode: "bigkey.found", playbook: "bigkey", unit: "count",
    message: "The key has {value} elements (threshold {threshold}): HGETALL, SMEMBERS, LRANGE 0 -1 or DEL on it block the server",
    source: "Redline default 100,000: a whole-collection read of that size takes tens of ms (incident 1: 523,714 fields, ~200 ms). Design guides flag 5,000 elements (Huawei Cloud DCS), a bar for reviews rather than incidents",
  },
];

/** Per-instance threshold overrides: rule id → threshold. */
export type RuleOverrides = Record<string, number>;

export function effectiveRules(overrides: RuleOverrides = {}): ThresholdRule[] {
  return RULES.map((r) => (Object.hasOwn(overrides, r.id) ? { ...r, threshold: overrides[r.id]! } : r));
}

export const RULE_IDS: readonly string[] = RULES.map((r) => r.id);

export function findRule(id: string): ThresholdRule | undefined {
  return RULES.find((r) => r.id === id);
}
