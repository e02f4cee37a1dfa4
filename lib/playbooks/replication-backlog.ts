// Playbook: replicas fall off the replication backlog and need full resyncs, over and over (incident 2).
import { z } from "zod";
import { detectReplicationBacklog } from "@/lib/triage/detectors/replication-backlog";
import { auditCheck, check } from "./config-checks";
import { definePlaybook } from "./schema";
import { suggestBacklogBytes } from "./fix-suggestions";

const MB = 1024 * 1024;

export const replicationBacklogPlaybook = definePlaybook({
  id: "replication-backlog",
  title: "Replication backlog too small: full resync storm",
  summary:
    "After a short disconnect a replica asks to continue from its offset, but the master's backlog (repl-backlog-size) has already been overwritten by newer writes. The master falls back to a full resync: a fork, an RDB of the whole dataset, a transfer. If writes keep outrunning the backlog, every hiccup repeats it and the master spends its time forking.",
  severityHint: "critical",
  symptoms: [
    { text: "Replicas keep reconnecting and loading a full copy of the data", findingCodes: ["replication.full-sync", "replication.replica-not-online"], metric: "replication.sync_full" },
    { text: "Partial resyncs are refused (sync_partial_err grows)", findingCodes: ["replication.partial-sync-failed"], metric: "replication.sync_partial_err" },
    { text: "More full syncs than replicas (sync_full grows after the first sync)", findingCodes: ["replication.full-sync-repeated"] },
    { text: "A replica's offset gap approaches the backlog size", findingCodes: ["replication.gap-near-backlog"], metric: "replication.replica_gap_pct_of_backlog" },
    { text: "The master forks again and again; its memory and CPU climb", metric: "memory.rss_bytes" },
    { text: "Reads that normally go to replicas land on the master; latency rises for everyone", findingCodes: ["latency.ping-high"], metric: "latency.ping_p99_ms" },
  ],
  investigation: [
    {
      id: "replication",
      title: "Measure gaps, resyncs and the real write rate",
      probe: "replication",
      params: { sampleMs: 2000 },
      why: "Each replica's gap (master_repl_offset − its offset) against repl_backlog_size says whether it can still resume. The write rate that fills the backlog is the growth of master_repl_offset over time, not instantaneous_output_kbps (that counts all network output, to clients too, in KB/s).",
      redisCli: "redis-cli INFO replication; sleep 2; redis-cli INFO replication   # write rate = Δmaster_repl_offset / 2 s",
      charts: ["replication.write_rate_bytes_per_sec", "replication.replica_gap_pct_of_backlog", "replication.backlog_coverage_seconds", "replication.sync_full"],
      interpret: {
        confirms: ["replication.gap-near-backlog", "replication.partial-sync-failed", "replication.full-sync-repeated", "replication.backlog-covers-short", "replication.replica-not-online"],
        meaning:
          "Coverage = repl_backlog_size ÷ write rate is the longest disconnect a replica survives without a full resync. If it is seconds and the replicas' outages last longer, every outage ends in a full resync. sync_full growing while replicas stay the same confirms it.",
      },
    },
    {
      id: "calculator",
      title: "Size the backlog: rate × tolerated outage × 2",
      probe: "backlog-calculator",
      params: {},
      why: "The calculator shows its inputs (measured write rate, the outage you want to survive) and the result with a ×2 margin for bursts, and warns when that much backlog would not fit in the memory left.",
      redisCli: "echo $(( RATE_BYTES_PER_SEC * OUTAGE_SECONDS * 2 ))   # bytes for repl-backlog-size",
      charts: ["replication.write_rate_bytes_per_sec", "memory.used_pct_of_max"],
      interpret: {
        confirms: ["replication.backlog-too-small"],
        rulesOut: ["replication.backlog-exceeds-memory"],
        meaning: "backlog-too-small: the current setting covers less than the outage you chose. backlog-exceeds-memory: the size needed does not fit; shorten the tolerated outage or add memory before raising it.",
      },
    },
    {
      id: "persistence",
      title: "See what each full resync costs the master",
      probe: "persistence",
      params: {},
      why: "A full resync forks the master to produce an RDB (to disk, or straight to the socket with diskless sync). Fork time (latest_fork_usec) and a background save in progress show the master paying for the resyncs.",
      redisCli: "redis-cli INFO persistence | grep -E 'rdb_bgsave_in_progress|latest_fork_usec|rdb_last_bgsave'",
      charts: ["memory.rss_bytes"],
      interpret: { confirms: ["persistence.bgsave-failed"], meaning: "A save nearly always in progress while replicas resync: the storm is underway. A failed save makes each resync fail too." },
    },
    {
      id: "config",
      title: "Check the replication settings",
      probe: "config-audit",
      params: {},
      why: "repl-backlog-size decides what a replica can resume from; repl-diskless-sync avoids writing each resync's RDB to disk; client-output-buffer-limit replica can cut a replica off in the middle of a full sync.",
      redisCli: "redis-cli CONFIG GET repl-backlog-size && redis-cli CONFIG GET repl-diskless-sync && redis-cli CONFIG GET client-output-buffer-limit",
      charts: [],
      interpret: {
        confirms: ["config.repl-backlog-size-not-recommended"],
        meaning: "The 1 MB default covers well under a second at a few MB/s of writes. A replica output buffer limit below what accumulates during one full sync makes the resync loop forever.",
      },
    },
    {
      id: "memory",
      title: "Check memory headroom before enlarging the backlog",
      probe: "memory",
      params: {},
      why: "The backlog lives in the master's memory, and every full resync also needs fork copy-on-write and a replica output buffer.",
      redisCli: "redis-cli INFO memory | grep -E 'used_memory:|maxmemory:|mem_replication_backlog'",
      charts: ["memory.used_pct_of_max"],
      interpret: { confirms: ["memory.near-maxmemory"], meaning: "Near maxmemory: a bigger backlog can push the master into evictions or OOM; free memory or raise the limit first." },
      when: { anyOf: ["replication.backlog-too-small", "replication.backlog-exceeds-memory", "memory.near-maxmemory"] },
    },
  ],
  rootCauses: [
    {
      id: "backlog-too-small",
      title: "The backlog holds fewer seconds of writes than a disconnect lasts",
      explanation:
        "repl-backlog-size is a ring buffer of the last writes. At the measured write rate it covers only a few seconds; a network blip, a replica pause or a node eviction longer than that forces a full resync, which itself takes long enough for the next one to be needed.",
      confirmedBy: ["replication.partial-sync-failed", "replication.full-sync", "replication.full-sync-repeated", "replication.backlog-too-small", "replication.backlog-covers-short"],
    },
    {
      id: "output-buffer",
      title: "The replica output buffer limit cuts replicas off during a full sync",
      explanation:
        "While the RDB is produced and transferred, new writes pile up in the replica's output buffer. If they pass client-output-buffer-limit replica, the master drops the replica and the sync starts over.",
      confirmedBy: ["replication.replica-not-online", "replication.full-sync"],
    },
    {
      id: "unstable-link",
      title: "The link between master and replicas keeps breaking",
      explanation: "Network trouble, a replica host under memory pressure or a paused replica process breaks the link longer than repl-timeout; the backlog size then decides whether the return is cheap or a full resync.",
      confirmedBy: ["replication.link-down"],
    },
  ],
  fixes: [
    {
      id: "set-backlog-size",
      suggest: suggestBacklogBytes,
      title: "Raise repl-backlog-size to the calculated size",
      risk: "config",
      argv: ["CONFIG", "SET", "repl-backlog-size", "{bytes}"],
      params: z
        .object({ bytes: z.number().int().min(MB).max(64 * 1024 * MB).describe("Backlog size in bytes: the calculator's write rate × tolerated outage × 2") })
        .strict(),
      preview:
        "CONFIG SET repl-backlog-size {bytes}: the master keeps the last {bytes} bytes of writes for replicas to resume from. Takes effect at once, no restart; the memory is used as the backlog fills. Not kept after a restart unless written to the config file (CONFIG REWRITE).",
      dataCost: "No data. Memory: up to {bytes} bytes more on the master (and on replicas that may be promoted).",
      verify: { probe: "replication", params: { sampleMs: 2000 }, expect: { absent: ["replication.backlog-covers-short"] }, redisCli: "redis-cli CONFIG GET repl-backlog-size" },
      when: { anyOf: ["replication.backlog-too-small", "replication.backlog-covers-short", "replication.partial-sync-failed", "replication.full-sync", "replication.full-sync-repeated"] },
    },
    {
      id: "diskless-sync",
      title: "Send full resyncs straight to the socket (diskless)",
      risk: "config",
      argv: ["CONFIG", "SET", "repl-diskless-sync", "yes"],
      params: z.object({}).strict(),
      preview: "CONFIG SET repl-diskless-sync yes: the fork streams the RDB to replicas instead of writing it to disk first, removing the disk I/O of each resync (the default since Redis 7.0). Takes effect for the next full sync.",
      verify: { probe: "config-audit", params: {}, expect: {}, redisCli: "redis-cli CONFIG GET repl-diskless-sync" },
    },
    {
      id: "persist-config",
      title: "Keep the new settings after a restart",
      risk: "config",
      argv: ["CONFIG", "REWRITE"],
      params: z.object({}).strict(),
      preview: "CONFIG REWRITE: writes the running settings into the config file Redis was started with. Fails when Redis started without one (then change the file or the manifest that generates it).",
      verify: { probe: "config-audit", params: {}, expect: {}, redisCli: "redis-cli CONFIG GET repl-backlog-size" },
    },
    {
      id: "fix-disconnects",
      title: "Stop the disconnects that trigger the resyncs",
      risk: "read",
      params: z.object({}).strict(),
      preview: "Nothing is sent to Redis: the cause of the disconnects lives in the network, the replica hosts or the output buffer limit.",
      verify: { probe: "replication", params: { sampleMs: 2000 }, expect: { absent: ["replication.link-down", "replication.replica-not-online"] } },
      manual: {
        instructions:
          "Find why replicas lose the link: replica logs ('Connection with master lost', 'MASTER aborted replication'), node memory pressure or CPU throttling in Kubernetes, network drops. If replicas are dropped during the sync itself, raise client-output-buffer-limit replica above what the master writes during one full sync.",
        checklist: ["Replica logs read around each reconnect", "Replica hosts have memory and CPU headroom", "client-output-buffer-limit replica covers a full sync's worth of writes"],
        copyable: "redis-cli CONFIG SET client-output-buffer-limit \"replica 1gb 512mb 120\"",
      },
    },
  ],
  prevention: {
    configChecks: [
      auditCheck("repl-backlog-size"),
      check("repl-diskless-sync", "yes", "Full resyncs stream the RDB to replicas without writing it to disk first"),
      check("client-output-buffer-limit", "replica limit above the writes of one full sync", "A replica dropped mid-sync starts over: the storm feeds itself"),
    ],
    alertRules: ["replica-gap", "replica-gap-critical", "replicas-not-online", "partial-sync-errors", "replica-link-down", "backlog-covers-short", "full-syncs"],
    practices: [
      "Size the backlog from the measured write rate (Δmaster_repl_offset/Δt) × the outage to survive × 2, and re-check after traffic grows",
      "Alert on the outage the backlog covers, not only on its fill level",
      "Keep headroom on master hosts for fork copy-on-write during resyncs",
    ],
  },
  detect: detectReplicationBacklog,
});
