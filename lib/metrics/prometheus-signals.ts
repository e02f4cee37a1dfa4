// Each rule signal as a PromQL expression over redis_exporter's metric names
// (github.com/oliver006/redis_exporter, namespace "redis"), so the rule table can be exported as
// Prometheus alerting rules with the same thresholds. null: the exporter has no metric for it. Pure.
import { RECENT_SLOWLOG_SECONDS } from "./health-signals";
import { RATE_WINDOW_SECONDS, RECENT_WINDOW_SECONDS } from "./signal-windows";

export interface PromSignal {
  expr: string;
  /** What the exporter must be run with, or how the expression differs from Redline's own signal. */
  note?: string;
}

const range = (seconds: number) => (seconds % 60 === 0 ? `${seconds / 60}m` : `${seconds}s`);
const RATE = range(RATE_WINDOW_SECONDS);
const RECENT = range(RECENT_WINDOW_SECONDS);
const SLOWLOG = range(RECENT_SLOWLOG_SECONDS);
const REPLICA_LABELS = "slave_ip, slave_port, slave_state";

export const PROM_SIGNALS: Record<string, PromSignal | null> = {
  "memory.fragmentation_ratio": { expr: "redis_mem_fragmentation_ratio" },
  "memory.fragmentation_bytes": { expr: "redis_mem_fragmentation_bytes" },
  "memory.used_bytes": { expr: "redis_memory_used_bytes" },
  "memory.used_pct_of_max": { expr: "100 * redis_memory_used_bytes / (redis_memory_max_bytes > 0)" },
  "clients.connected_pct_of_max": { expr: "100 * redis_connected_clients / (redis_config_maxclients > 0)" },
  "clients.rejected_total": { expr: "redis_rejected_connections_total" },
  "clients.rejected_last_min": { expr: `increase(redis_rejected_connections_total[${RATE}])` },
  "replication.replica_gap_pct_of_backlog": {
    expr: `100 * max without (${REPLICA_LABELS}) (redis_master_repl_offset - ignoring (${REPLICA_LABELS}) group_right redis_connected_slave_offset_bytes) / redis_replication_backlog_bytes`,
  },
  "replication.replicas_not_online": { expr: `count without (${REPLICA_LABELS}) (redis_connected_slave_offset_bytes{slave_state!="online"})` },
  "replication.sync_partial_err_excess": null,
  "replication.sync_full_excess": { expr: "redis_replica_resyncs_full - redis_connected_slaves" },
  "replication.link_down": { expr: "1 - redis_master_link_up" },
  "replication.backlog_coverage_seconds": {
    expr: `redis_replication_backlog_bytes / rate(redis_master_repl_offset[${RATE}])`,
    note: "write rate = rate(master_repl_offset), not instantaneous_output_kbps (CORRECTIONS #2)",
  },
  "replication.backlog_in_use": { expr: "redis_repl_backlog_is_active" },
  "replication.full_syncs_recent": { expr: `increase(redis_replica_resyncs_full[${RECENT}])` },
  "slowlog.recent_max_ms": {
    expr: `(1000 * redis_last_slow_execution_duration_seconds) and (increase(redis_slowlog_last_id[${SLOWLOG}]) > 0)`,
    note: "the exporter only exposes the newest entry's duration; Redline checks every recent entry",
  },
  "slowlog.recent_blocking": null,
  "slowlog.new_entries_last_min": { expr: `increase(redis_slowlog_last_id[${RATE}])` },
  "latency.ping_ms": { expr: "1000 * redis_exporter_last_scrape_ping_time_seconds", note: "run redis_exporter with --ping-on-connect" },
  "latency.ping_p99_ms": {
    expr: `1000 * quantile_over_time(0.99, redis_exporter_last_scrape_ping_time_seconds[${RATE}])`,
    note: "run redis_exporter with --ping-on-connect; one PING per scrape",
  },
  "persistence.rdb_failed": { expr: "1 - redis_rdb_last_bgsave_status" },
  "persistence.aof_write_failed": { expr: "1 - redis_aof_last_write_status" },
  "persistence.aof_rewrite_failed": { expr: "1 - redis_aof_last_bgrewrite_status" },
  "persistence.aof_rewrite_seconds": { expr: "redis_aof_current_rewrite_duration_sec" },
  "persistence.aof_rewrite_scheduled": { expr: "redis_aof_rewrite_scheduled" },
  "cluster.state_fail": { expr: "1 - redis_cluster_state" },
  "cluster.slots_pfail": { expr: "redis_cluster_slots_pfail" },
  "cluster.slots_fail": { expr: "redis_cluster_slots_fail" },
  "cluster.conflict_slots": null,
  "server.restart_keys_lost_pct": {
    expr: `(100 * (1 - sum without (db) (redis_db_keys) / sum without (db) (redis_db_keys offset ${RECENT}))) and (resets(redis_uptime_in_seconds[${RECENT}]) > 0)`,
    note: "run redis_exporter with --include-metrics-for-empty-databases, so an emptied keyspace reads 0 instead of vanishing",
  },
  "server.busy_script": { expr: 'max without (err) (redis_exporter_last_scrape_error{err=~".*BUSY.*"})' },
  "server.unreachable": { expr: "1 - redis_up" },
  // Signals of the playbook probes' rules (alert: false, never exported); listed so the table stays complete.
  "hotkey.top_lfu_freq": null,
  "hotkey.lfu_dominance": null,
  "hotkey.top_share_pct": null,
  "hotkey.sampled_accesses": null,
  "hotkey.min_ttl_seconds": null,
  "bigkey.bytes": null,
  "bigkey.elements": null,
  "keyspace.sampled_miss_pct": {
    expr: `100 * rate(redis_keyspace_misses_total[${RATE}]) / (rate(redis_keyspace_hits_total[${RATE}]) + rate(redis_keyspace_misses_total[${RATE}]))`,
  },
  "keyspace.sampled_misses_per_sec": { expr: `rate(redis_keyspace_misses_total[${RATE}])` },
  "lua.busy_reply_threshold_ms": null,
  "server.uptime_seconds": { expr: "redis_uptime_in_seconds" },
  "server.restarted_empty": null,
  "commandstats.keys_calls": { expr: 'redis_commands_total{cmd="keys"}' },
  "slowlog.keys_max_ms": null,
  "clients.budget_pct_of_max": null,
  "replication.backlog_pct_of_recommended": null,
  "replication.backlog_recommended_pct_of_headroom": null,
  "persistence.misconf_errors_total": { expr: 'redis_errors_total{err="MISCONF"}' },
};
