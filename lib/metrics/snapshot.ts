// What one look at a node returns: INFO, the settings that matter, the newest slow commands.
// Pure type + derived figures, shared by health, the fleet list, triage and alerts.
import type { InfoSnapshot } from "@/lib/parse/info";
import type { SlowlogEntry } from "@/lib/parse/slowlog";

export interface NodeSnapshot {
  node: string;
  takenAt: number;
  pingMs: number;
  info: InfoSnapshot;
  /** CONFIG GET values; empty when CONFIG is disabled or denied (then `configError` says why). */
  config: Record<string, string>;
  configError?: string;
  slowlog: SlowlogEntry[];
  slowlogLen: number;
  clusterInfo?: Record<string, string>;
}

/** The settings health, playbooks and the config audit read. */
export const SNAPSHOT_CONFIG_KEYS = [
  "maxmemory",
  "maxmemory-policy",
  "maxclients",
  "timeout",
  "slowlog-log-slower-than",
  "slowlog-max-len",
  "latency-monitor-threshold",
  "repl-backlog-size",
  "repl-diskless-sync",
  "client-output-buffer-limit",
  "min-replicas-to-write",
  "min-replicas-max-lag",
  "cluster-node-timeout",
  "busy-reply-threshold",
  "lua-time-limit",
  "activedefrag",
  "active-defrag-ignore-bytes",
  "active-defrag-threshold-lower",
  "appendonly",
  "appendfsync",
  "appenddirname",
  "auto-aof-rewrite-percentage",
  "auto-aof-rewrite-min-size",
  "save",
  "dir",
  "stop-writes-on-bgsave-error",
  "lazyfree-lazy-user-del",
  "lazyfree-lazy-eviction",
  "tcp-keepalive",
] as const;
