// Pure data: the settings the playbooks care about, the recommended value and why, and the comparison
// of a server's values against them. Thresholds that are health rules come from lib/metrics/rules.ts.
import { RULES } from "@/lib/metrics/rules";
import { parseNumber } from "@/lib/parse/reply";
import type { Finding } from "./finding";

export interface AuditContext {
  clusterEnabled: boolean;
  /** INFO role: master or slave. */
  role?: string;
  /** INFO mem_allocator, e.g. `jemalloc-5.3.0` or `libc`. */
  allocator?: string;
  connectedReplicas: number;
  connectedClients?: number;
  /** The fragmentation rule holds (ratio AND bytes): only then is activedefrag worth recommending. */
  fragmentationHigh: boolean;
}

interface Verdict {
  status: "ok" | "warn";
  severity?: "info" | "warning";
  note?: string;
}

export interface ConfigRecommendation {
  /** Canonical name; the finding code is `config.<id>-not-recommended`. */
  id: string;
  /** CONFIG names to read; the first one the server reports is shown (CORRECTIONS #4: renamed settings). */
  names: readonly string[];
  recommended: string;
  why: string;
  appliesTo?: (ctx: AuditContext) => boolean;
  check: (value: string, ctx: AuditContext, config: Record<string, string>) => Verdict;
}

export interface ConfigAuditRow {
  id: string;
  /** The name the server reported (busy-reply-threshold or lua-time-limit). */
  name: string;
  current: string | null;
  recommended: string;
  status: "ok" | "warn" | "unknown";
  severity: "ok" | "info" | "warning";
  why: string;
  note: string | null;
  /** Where `current` was read: CONFIG GET, or INFO when CONFIG is unreadable. */
  source: "config" | "info" | null;
}

const OK: Verdict = { status: "ok" };
const MB = 1024 * 1024;
const info = (note: string): Verdict => ({ status: "warn", severity: "info", note });
const num = (v: string) => parseNumber(v);
const clientsWarningPct = RULES.find((r) => r.id === "clients-warning")?.threshold ?? 80;

export const CONFIG_RECOMMENDATIONS: readonly ConfigRecommendation[] = [
  {
    id: "maxmemory", names: ["maxmemory"],
    recommended: "A limit below the host's RAM that leaves room for fork copy-on-write and fragmentation",
    why: "Without a limit Redis grows until the kernel's OOM killer ends it, and maxmemory-policy never applies",
    check: (v) => (num(v) === 0 ? { status: "warn", severity: "warning", note: "0 means no limit" } : OK),
  },
  {
    id: "maxmemory-policy", names: ["maxmemory-policy"],
    recommended: "allkeys-lfu (or volatile-lfu) for caches; noeviction only where no key may be evicted",
    why: "Hot key detection (redis-cli --hotkeys, OBJECT FREQ) works only with an LFU policy (CORRECTIONS #3)",
    check: (v) => (/-lfu$/.test(v) ? OK : info(`${v} is not LFU: hot keys cannot be found with OBJECT FREQ or --hotkeys`)),
  },
  {
    id: "maxclients", names: ["maxclients"],
    recommended: `Above peak connections with at least ${100 - clientsWarningPct} % headroom (and a file-descriptor limit to match)`,
    why: "At maxclients every new connection is refused, the dashboard's too (CORRECTIONS #8)",
    check: (v, ctx) => {
      const max = num(v);
      if (!max || ctx.connectedClients === undefined) return OK;
      const pct = (ctx.connectedClients / max) * 100;
      return pct >= clientsWarningPct ? { status: "warn", severity: "warning", note: `${ctx.connectedClients} connected = ${Math.round(pct)} % of maxclients` } : OK;
    },
  },
  {
    id: "timeout", names: ["timeout"],
    recommended: "300 (seconds), or a value above the client pools' idle time",
    why: "With 0 idle connections are never closed: leaked connections pile up until maxclients",
    check: (v) => (num(v) === 0 ? info("0: idle connections are never closed") : OK),
  },
  {
    id: "slowlog-log-slower-than", names: ["slowlog-log-slower-than"],
    recommended: "10000 (µs = 10 ms)",
    why: "The slowlog is the first evidence for blocking commands; it must be on and not flooded",
    check: (v) => {
      const us = num(v);
      if (us === undefined) return OK;
      if (us < 0) return info("negative: the slowlog is disabled");
      if (us === 0) return info("0 logs every command: real slow commands are pushed out by noise");
      return us > 10_000 ? info(`commands between 10 ms and ${us / 1000} ms are not logged`) : OK;
    },
  },
  {
    id: "latency-monitor-threshold", names: ["latency-monitor-threshold"],
    recommended: "100 (ms)",
    why: "With 0 the latency monitor is off: LATENCY LATEST and LATENCY DOCTOR have nothing to show",
    check: (v) => (num(v) === 0 ? info("0: the latency monitor is off") : OK),
  },
  {
    id: "repl-backlog-size", names: ["repl-backlog-size"],
    recommended: "write rate × tolerated disconnect × 2 (the replication probe measures the write rate)",
    why: "A replica that falls further behind than the backlog needs a full resync; 1 MB covers only seconds of writes",
    check: (v) => (num(v) !== undefined && num(v)! <= MB ? info(`${v} bytes is the 1 MB default or less`) : OK),
  },
  {
    id: "min-replicas-to-write", names: ["min-replicas-to-write"],
    recommended: "1 on a master with replicas (with min-replicas-max-lag 10)",
    why: "Bounds the writes a partitioned master accepts and then loses (split-brain); in a cluster cluster-node-timeout bounds them too (CORRECTIONS #5)",
    check: (v, ctx) => (num(v) === 0 && ctx.role === "master" && ctx.connectedReplicas > 0 ? info("0: a master cut off from its replicas keeps accepting writes") : OK),
  },
  {
    id: "min-replicas-max-lag", names: ["min-replicas-max-lag"],
    recommended: "10 (seconds)",
    why: "How stale a replica's last ACK may be and still count for min-replicas-to-write",
    check: () => OK,
  },
  {
    id: "cluster-node-timeout", names: ["cluster-node-timeout"],
    recommended: "15000 (ms, the default) or less",
    why: "A minority master stops accepting writes only after this timeout: it bounds the split-brain window (CORRECTIONS #5)",
    appliesTo: (ctx) => ctx.clusterEnabled,
    check: (v) => (num(v) !== undefined && num(v)! > 15_000 ? info(`a partitioned master keeps accepting writes for up to ${num(v)! / 1000} s`) : OK),
  },
  {
    id: "busy-reply-threshold", names: ["busy-reply-threshold", "lua-time-limit"],
    recommended: "5000 (ms, the default)",
    why: "After this long a running script makes Redis answer BUSY and SCRIPT KILL becomes possible (lua-time-limit before 7.0)",
    check: (v) => {
      const ms = num(v);
      if (ms === undefined || (ms > 0 && ms <= 5_000)) return OK;
      return info(ms > 5_000 ? `clients wait ${ms / 1000} s before a stuck script is reported BUSY` : `${ms} is an unusual value`);
    },
  },
  {
    id: "activedefrag", names: ["activedefrag"],
    recommended: "yes when fragmentation is high (jemalloc only)",
    why: "Active defragmentation returns fragmented memory without a restart; it exists only with jemalloc (CORRECTIONS #6)",
    check: (v, ctx) => {
      if (!ctx.allocator?.startsWith("jemalloc")) return { status: "ok", note: `not available: mem_allocator is ${ctx.allocator ?? "unknown"}` };
      if (v === "no" && ctx.fragmentationHigh) return { status: "warn", severity: "warning", note: "fragmentation is high and activedefrag is off" };
      return OK;
    },
  },
  {
    id: "appendonly", names: ["appendonly"],
    recommended: "yes where losing the writes since the last RDB save matters",
    why: "Without AOF a crash or restart loses every write since the last snapshot",
    check: (v) => (v === "no" ? info("no: only RDB snapshots, if any, persist data") : OK),
  },
  {
    id: "appendfsync", names: ["appendfsync"],
    recommended: "everysec",
    why: "always puts disk latency into every write; no lets the OS decide (up to ~30 s of writes lost)",
    check: (v, _ctx, config) => {
      if (config.appendonly === "no" || v === "everysec") return OK;
      return info(v === "always" ? "always: every write waits for fsync" : `${v}: the OS decides when data reaches the disk`);
    },
  },
  {
    id: "stop-writes-on-bgsave-error", names: ["stop-writes-on-bgsave-error"],
    recommended: "yes",
    why: "yes turns a failing save into MISCONF errors on writes (loud); no lets writes go on that will not survive a restart (CORRECTIONS #9)",
    check: (v) => (v === "no" ? info("no: a failing disk is silent until the data is gone") : OK),
  },
  {
    id: "lazyfree-lazy-user-del", names: ["lazyfree-lazy-user-del"],
    recommended: "yes",
    why: "With no, DEL of a big key blocks the server as long as reading it whole; yes makes DEL behave like UNLINK",
    check: (v) => (v === "no" ? info("no: DEL of a big key blocks the server") : OK),
  },
  {
    id: "tcp-keepalive", names: ["tcp-keepalive"],
    recommended: "300 (seconds, the default)",
    why: "Detects dead peers (closed laptops, dropped NAT entries) whose connections would otherwise stay open",
    check: (v) => (num(v) === 0 ? info("0: dead peers keep their connections") : OK),
  },
];

/** Every name the audit reads with CONFIG GET. */
export const AUDIT_CONFIG_NAMES: readonly string[] = [...new Set(CONFIG_RECOMMENDATIONS.flatMap((r) => r.names))];

/** What INFO still tells when CONFIG is disabled, renamed away or denied. */
export function configFromInfo(fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  const copy = (from: string, to: string, map: (v: string) => string = (v) => v) => {
    if (Object.hasOwn(fields, from)) out[to] = map(fields[from]!);
  };
  copy("maxmemory", "maxmemory");
  copy("maxmemory_policy", "maxmemory-policy");
  copy("maxclients", "maxclients");
  copy("aof_enabled", "appendonly", (v) => (v === "1" ? "yes" : "no"));
  copy("repl_backlog_size", "repl-backlog-size");
  return out;
}

export function auditConfig(config: Record<string, string>, ctx: AuditContext, source: "config" | "info"): ConfigAuditRow[] {
  const rows: ConfigAuditRow[] = [];
  for (const rec of CONFIG_RECOMMENDATIONS) {
    if (rec.appliesTo && !rec.appliesTo(ctx)) continue;
    const name = rec.names.find((n) => Object.hasOwn(config, n));
    const base = { id: rec.id, recommended: rec.recommended, why: rec.why };
    if (name === undefined) {
      rows.push({ ...base, name: rec.names[0]!, current: null, status: "unknown", severity: "ok", note: null, source: null });
      continue;
    }
    const current = config[name]!;
    const verdict = rec.check(current, ctx, config);
    rows.push({
      ...base,
      name,
      current,
      status: verdict.status,
      severity: verdict.status === "ok" ? "ok" : (verdict.severity ?? "info"),
      note: verdict.note ?? null,
      source,
    });
  }
  return rows;
}

export function auditFindings(rows: readonly ConfigAuditRow[]): Finding[] {
  return rows
    .filter((r) => r.status === "warn")
    .map((r) => ({
      code: `config.${r.id}-not-recommended`,
      severity: r.severity === "warning" ? "warning" : "info",
      message: `${r.name} ${r.current}${r.note ? ` (${r.note})` : ""}; recommended: ${r.recommended}`,
      evidence: { name: r.name, current: r.current ?? "", recommended: r.recommended },
    }));
}
