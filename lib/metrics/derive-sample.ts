// Turns one node's new sample plus what the sampler remembers into the series points, the signals
// the rules compare (health signals + rates and events over windows) and chart markers. Pure.
// Counters restart with the server: across a new run_id no rate is computed, the history restarts.
import { infoNumber, infoString } from "@/lib/parse/info";
import { backlogCoverageSeconds, writeRate } from "@/lib/probes/replication-math";
import { healthSignals, type Signals } from "./health-signals";
import type { Marker } from "./marker";
import {
  DEFAULT_WINDOWS,
  mergeSlowlog,
  newSlowlogEntries,
  percentile,
  readCounters,
  windowDelta,
  windowStart,
  type CounterName,
  type CounterPoint,
  type NodeHistory,
  type RestartEvent,
  type Windows,
} from "./node-history";
import { SERIES, columnKey } from "./series-catalog";
import type { NodeSnapshot } from "./snapshot";

export interface DerivedSample {
  history: NodeHistory;
  /** The snapshot with the slowlog entries of earlier ticks merged in (health reads this). */
  snapshot: NodeSnapshot;
  /** Ring-buffer columns: series id (plus label) → value. */
  values: Record<string, number>;
  signals: Signals;
  markers: Marker[];
}

const roleName = (role: string | undefined) => (role === "slave" ? "replica" : (role ?? "unknown"));

function put(out: Record<string, number>, key: string, value: number | null | undefined) {
  if (value !== undefined && value !== null && Number.isFinite(value)) out[key] = value;
}

function markersFor(prev: NodeHistory | undefined, node: string, t: number, cur: { runId?: string; role?: string; keys?: number; uptime?: number }): Marker[] {
  if (!prev) return [];
  const out: Marker[] = [];
  if (prev.runId && cur.runId && prev.runId !== cur.runId) {
    const keys = prev.keys !== undefined && cur.keys !== undefined ? `, keys ${prev.keys} → ${cur.keys}` : "";
    out.push({ t, kind: "restart", node, detail: `run_id ${prev.runId.slice(0, 8)} → ${cur.runId.slice(0, 8)}, up ${cur.uptime ?? "?"} s${keys}` });
  }
  if (prev.role && cur.role && prev.role !== cur.role) {
    // A replica promoted to master is a failover; the reverse is the old master rejoining as a replica.
    out.push({ t, kind: cur.role === "master" ? "failover" : "role-change", node, detail: `${roleName(prev.role)} → ${roleName(cur.role)}` });
  }
  return out;
}

export function deriveSample(prev: NodeHistory | undefined, input: { snapshot: NodeSnapshot; pingsMs: number[] }, windows: Windows = DEFAULT_WINDOWS, slowlogFetched = 8): DerivedSample {
  const { snapshot } = input;
  const info = snapshot.info;
  const t = snapshot.takenAt;
  const n = (field: string) => infoNumber(info, field);
  const runId = infoString(info, "run_id");
  const role = infoString(info, "role");
  const keys = info.keyspace.reduce((a, d) => a + d.keys, 0);
  const restarted = Boolean(prev?.runId && runId && prev.runId !== runId);
  const same = prev && !restarted ? prev : undefined;

  const now: CounterPoint = { t, c: readCounters(info) };
  const cutoff = (s: number) => t - s * 1000;
  const counters = [...(same?.counters ?? []).filter((p) => p.t >= cutoff(windows.recentSeconds)), now];
  const last = same?.counters.at(-1);
  const dt = last ? (t - last.t) / 1000 : 0;
  const rate = (name: CounterName): number | undefined => {
    const a = last?.c[name];
    const b = now.c[name];
    return a === undefined || b === undefined || b < a || dt <= 0 ? undefined : (b - a) / dt;
  };

  const pings = [...(prev?.pings ?? []).filter(([pt]) => pt >= cutoff(windows.rateSeconds)), ...input.pingsMs.map((ms): [number, number] => [t, ms])];
  const fresh = newSlowlogEntries(same ? same.slowlogMaxId : restarted ? -1 : null, snapshot.slowlog, slowlogFetched);
  const slowlogNew = [...(same?.slowlogNew ?? []).filter(([st]) => st >= cutoff(windows.rateSeconds)), ...(fresh > 0 ? [[t, fresh] as [number, number]] : [])];
  const slowlog = mergeSlowlog(snapshot.slowlog, same?.slowlog ?? []);
  // Ids keep growing across SLOWLOG RESET, so the highest seen stays the baseline until a restart.
  const maxId = snapshot.slowlog.reduce((m, e) => Math.max(m, e.id), same?.slowlogMaxId ?? -1);

  let restart: RestartEvent | undefined = prev?.restart;
  if (restarted && prev!.keys !== undefined) {
    const before = prev!.keys;
    restart = { t, keysBefore: before, keysAfter: keys, lostPct: before > 0 ? Math.max(0, Math.round((1 - keys / before) * 1000) / 10) : 0 };
  }

  const merged: NodeSnapshot = { ...snapshot, slowlog };
  const signals = healthSignals(merged);
  put(signals, "clients.rejected_last_min", windowDelta(counters, now, "rejected", windows.rateSeconds));
  put(signals, "replication.full_syncs_recent", windowDelta(counters, now, "syncFull", windows.recentSeconds));
  put(signals, "slowlog.new_entries_last_min", slowlogNew.reduce((a, [, c]) => a + c, 0));
  put(signals, "latency.ping_p99_ms", percentile(pings.map(([, ms]) => ms), 99));
  if (role === "master") {
    // The write rate that fills the backlog, over the rate window (CORRECTIONS #2), not one tick's jitter.
    const start = windowStart(counters, t, windows.rateSeconds);
    const o0 = start?.c.replOffset;
    const o1 = now.c.replOffset;
    const sustained = start && start !== now && o0 !== undefined && o1 !== undefined ? writeRate(o0, start.t, o1, t) : null;
    put(signals, "replication.backlog_coverage_seconds", backlogCoverageSeconds(n("repl_backlog_size") ?? 0, sustained));
  }
  if (restart && t - restart.t <= windows.recentSeconds * 1000) put(signals, "server.restart_keys_lost_pct", restart.lostPct);

  const figures: Record<string, number> = { ...signals };
  put(figures, "ops.per_sec", rate("commands"));
  const hits = rate("hits");
  const misses = rate("misses");
  if (hits !== undefined && misses !== undefined && hits + misses > 0) put(figures, "keyspace.hit_ratio", (hits / (hits + misses)) * 100);
  put(figures, "keyspace.keys", keys);
  put(figures, "memory.rss_bytes", n("used_memory_rss"));
  put(figures, "memory.peak_bytes", n("used_memory_peak"));
  put(figures, "clients.rejected_per_sec", rate("rejected"));
  put(figures, "keys.evicted_per_sec", rate("evicted"));
  put(figures, "keys.expired_per_sec", rate("expired"));
  put(figures, "net.input_bytes_per_sec", rate("netIn"));
  put(figures, "net.output_bytes_per_sec", rate("netOut"));
  if (last?.c.replOffset !== undefined && now.c.replOffset !== undefined) put(figures, "replication.write_rate_bytes_per_sec", writeRate(last.c.replOffset, last.t, now.c.replOffset, t));
  const backlog = n("repl_backlog_size");
  if (infoString(info, "repl_backlog_active") === "1" && backlog) put(figures, "replication.backlog_used_pct", ((n("repl_backlog_histlen") ?? 0) / backlog) * 100);
  put(figures, "replication.sync_full", n("sync_full"));
  put(figures, "replication.sync_partial_ok", n("sync_partial_ok"));
  put(figures, "replication.sync_partial_err", n("sync_partial_err"));
  put(figures, "latency.ping_ms", snapshot.pingMs);

  const values: Record<string, number> = {};
  for (const def of SERIES) if (!def.labelKey && Object.hasOwn(figures, def.id)) values[def.id] = figures[def.id]!;
  if (role === "master") {
    const offset = now.c.replOffset ?? 0;
    for (const r of info.replicas) values[columnKey("replication.replica_gap_bytes", `${r.ip}:${r.port}`)] = Math.max(0, offset - r.offset);
  }

  const history: NodeHistory = { t, runId, role, keys, counters, pings, slowlogMaxId: maxId, slowlogNew, slowlog, restart };
  return { history, snapshot: merged, values, signals, markers: markersFor(prev, snapshot.node, t, { runId, role, keys, uptime: n("uptime_in_seconds") }) };
}
