// Turns a node snapshot into named numeric signals that threshold rules compare. Pure.
// A signal that cannot be computed (no maxmemory set, not a master…) is absent, never 0.
import { infoNumber, infoString } from "@/lib/parse/info";
import type { NodeSnapshot } from "./snapshot";
import { isBlockingCommand } from "./blocking-commands";

export type Signals = Record<string, number>;

/** Slowlog entries older than this no longer describe the present. */
export const RECENT_SLOWLOG_SECONDS = 15 * 60;

function put(out: Signals, name: string, value: number | undefined) {
  if (value !== undefined && Number.isFinite(value)) out[name] = value;
}

export function healthSignals(s: NodeSnapshot): Signals {
  const info = s.info;
  const n = (field: string) => infoNumber(info, field);
  const out: Signals = {};

  const used = n("used_memory");
  const rss = n("used_memory_rss");
  const maxmemory = n("maxmemory") ?? Number(s.config.maxmemory);
  put(out, "memory.used_bytes", used);
  put(out, "memory.fragmentation_ratio", n("mem_fragmentation_ratio"));
  // mem_fragmentation_bytes exists since 6.0; RSS − used is the same figure on older servers.
  put(out, "memory.fragmentation_bytes", n("mem_fragmentation_bytes") ?? (rss !== undefined && used !== undefined ? rss - used : undefined));
  if (used !== undefined && maxmemory > 0) put(out, "memory.used_pct_of_max", (used / maxmemory) * 100);

  const clients = n("connected_clients");
  const maxclients = n("maxclients") ?? Number(s.config.maxclients);
  put(out, "clients.connected", clients);
  if (clients !== undefined && maxclients > 0) put(out, "clients.connected_pct_of_max", (clients / maxclients) * 100);
  put(out, "clients.rejected_total", n("rejected_connections"));
  put(out, "clients.blocked", n("blocked_clients"));

  const role = infoString(info, "role");
  if (role === "master") {
    const offset = n("master_repl_offset") ?? 0;
    const backlog = n("repl_backlog_size");
    const worstGap = info.replicas.reduce((m, r) => Math.max(m, offset - r.offset), 0);
    if (info.replicas.length > 0 && backlog) put(out, "replication.replica_gap_pct_of_backlog", (worstGap / backlog) * 100);
    put(out, "replication.replicas_not_online", info.replicas.filter((r) => r.state !== "online").length);
    // A replica's first sync can count one refused partial resync (a cluster replica offers its own
    // old replication id), so only refusals beyond one per replica say replicas fell off the backlog.
    // The backlog only matters once a replica has used it (or is attached now).
    put(out, "replication.backlog_in_use", infoString(info, "repl_backlog_active") === "1" || (n("connected_slaves") ?? 0) > 0 ? 1 : 0);
    const partialErr = n("sync_partial_err");
    if (partialErr !== undefined) put(out, "replication.sync_partial_err_excess", Math.max(0, partialErr - (n("connected_slaves") ?? 0)));
    // Every replica needs one full sync to start; more full syncs than replicas means a replica fell
    // off the backlog (or was replaced). Replicas started with replicaof offer no replication id, so
    // their cut-off shows here and not in sync_partial_err beyond one per replica.
    const fullSyncs = n("sync_full");
    if (fullSyncs !== undefined) put(out, "replication.sync_full_excess", Math.max(0, fullSyncs - (n("connected_slaves") ?? 0)));
  }
  if (role === "slave") {
    put(out, "replication.link_down", infoString(info, "master_link_status") === "up" ? 0 : 1);
    put(out, "replication.link_down_seconds", n("master_link_down_since_seconds"));
  }

  put(out, "persistence.rdb_failed", flag(infoString(info, "rdb_last_bgsave_status")));
  put(out, "persistence.aof_write_failed", flag(infoString(info, "aof_last_write_status")));
  put(out, "persistence.aof_rewrite_failed", flag(infoString(info, "aof_last_bgrewrite_status")));
  // aof_current_rewrite_time_sec is -1 when no rewrite runs.
  if (n("aof_rewrite_in_progress") === 1) put(out, "persistence.aof_rewrite_seconds", n("aof_current_rewrite_time_sec"));
  put(out, "persistence.aof_rewrite_scheduled", n("aof_rewrite_scheduled"));

  const now = s.takenAt / 1000;
  const recent = s.slowlog.filter((e) => now - e.timestamp <= RECENT_SLOWLOG_SECONDS);
  put(out, "slowlog.recent_max_ms", recent.reduce((m, e) => Math.max(m, e.durationUs / 1000), 0));
  put(out, "slowlog.recent_blocking", recent.filter((e) => isBlockingCommand(e.argv)).length);
  put(out, "latency.ping_ms", s.pingMs);

  if (s.clusterInfo) {
    put(out, "cluster.state_fail", s.clusterInfo.cluster_state === "ok" ? 0 : 1);
    put(out, "cluster.slots_pfail", Number(s.clusterInfo.cluster_slots_pfail));
    put(out, "cluster.slots_fail", Number(s.clusterInfo.cluster_slots_fail));
  }
  return out;
}

/** "ok" → 0, anything else (err) → 1; absent stays absent. */
function flag(status: string | undefined): number | undefined {
  if (status === undefined) return undefined;
  return status === "ok" ? 0 : 1;
}
