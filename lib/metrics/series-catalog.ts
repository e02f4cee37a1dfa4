// The time series the sampler keeps per node, with the title and unit a chart shows. Pure and
// client-safe. Ids are the signal names the rule table uses where a rule watches the series, so a
// chart finds its threshold lines by `rule.signal === series.id`.

export type SeriesUnit = "ops/s" | "%" | "bytes" | "bytes/s" | "ratio" | "count" | "/s" | "/min" | "s" | "ms";

export interface SeriesDef {
  id: string;
  title: string;
  unit: SeriesUnit;
  /** Set for series kept once per replica, e.g. `replication.replica_gap_bytes|replica=10.0.0.2:6379`. */
  labelKey?: "replica";
}

export const SERIES: readonly SeriesDef[] = [
  { id: "ops.per_sec", title: "Commands", unit: "ops/s" },
  { id: "keyspace.hit_ratio", title: "Hit ratio", unit: "%" },
  { id: "keyspace.keys", title: "Keys", unit: "count" },
  { id: "memory.used_bytes", title: "Used memory", unit: "bytes" },
  { id: "memory.rss_bytes", title: "RSS", unit: "bytes" },
  { id: "memory.peak_bytes", title: "Peak memory", unit: "bytes" },
  { id: "memory.used_pct_of_max", title: "Memory vs maxmemory", unit: "%" },
  { id: "memory.fragmentation_ratio", title: "Fragmentation ratio", unit: "ratio" },
  { id: "memory.fragmentation_bytes", title: "Fragmented bytes", unit: "bytes" },
  { id: "clients.connected", title: "Connected clients", unit: "count" },
  { id: "clients.connected_pct_of_max", title: "Clients vs maxclients", unit: "%" },
  { id: "clients.blocked", title: "Blocked clients", unit: "count" },
  { id: "clients.rejected_per_sec", title: "Rejected connections", unit: "/s" },
  { id: "keys.evicted_per_sec", title: "Evicted keys", unit: "/s" },
  { id: "keys.expired_per_sec", title: "Expired keys", unit: "/s" },
  { id: "net.input_bytes_per_sec", title: "Network in", unit: "bytes/s" },
  { id: "net.output_bytes_per_sec", title: "Network out", unit: "bytes/s" },
  { id: "replication.write_rate_bytes_per_sec", title: "Write rate (Δmaster_repl_offset/Δt)", unit: "bytes/s" },
  { id: "replication.replica_gap_bytes", title: "Replica offset gap", unit: "bytes", labelKey: "replica" },
  { id: "replication.replica_gap_pct_of_backlog", title: "Worst replica gap vs backlog", unit: "%" },
  { id: "replication.backlog_used_pct", title: "Backlog filled", unit: "%" },
  { id: "replication.backlog_coverage_seconds", title: "Outage the backlog absorbs", unit: "s" },
  { id: "replication.sync_full", title: "Full syncs (since start)", unit: "count" },
  { id: "replication.sync_partial_ok", title: "Partial syncs accepted (since start)", unit: "count" },
  { id: "replication.sync_partial_err", title: "Partial syncs refused (since start)", unit: "count" },
  { id: "slowlog.new_entries_last_min", title: "Slowlog entries", unit: "/min" },
  { id: "latency.ping_ms", title: "PING p50", unit: "ms" },
  { id: "latency.ping_p99_ms", title: "PING p99 (1 min)", unit: "ms" },
];

export const SERIES_IDS: readonly string[] = SERIES.map((s) => s.id);

const byId = new Map(SERIES.map((s) => [s.id, s]));

/** Ring-buffer and rollup column key: the series id, plus its label when it has one. */
export function columnKey(id: string, label?: string): string {
  return label === undefined ? id : `${id}|${byId.get(id)?.labelKey ?? "label"}=${label}`;
}

export function parseColumnKey(key: string): { def: SeriesDef; labels?: Record<string, string> } | undefined {
  const [id, label] = key.split("|", 2);
  const def = byId.get(id!);
  if (!def) return undefined;
  if (label === undefined) return { def };
  const eq = label.indexOf("=");
  return { def, labels: { [label.slice(0, eq)]: label.slice(eq + 1) } };
}
