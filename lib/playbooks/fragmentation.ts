// Playbook: the process holds far more memory than its data uses, until an OOM kill (incident 6).
import { z } from "zod";
import { detectFragmentation } from "@/lib/triage/detectors/fragmentation";
import { auditCheck, check } from "./config-checks";
import { definePlaybook } from "./schema";

const MB = 1024 * 1024;

export const fragmentationPlaybook = definePlaybook({
  id: "fragmentation",
  title: "Memory fragmentation: RSS far above used memory",
  summary:
    "Redis frees memory inside the allocator, but the allocator can hand pages back to the OS only when nothing on them is still in use. A workload that creates and deletes many values of different sizes leaves pages mostly empty; the process's resident memory (RSS) stays near its peak while used_memory drops, and container limits sized for the data OOM-kill it.",
  severityHint: "warning",
  symptoms: [
    { text: "used_memory_rss is far above used_memory, by a ratio AND by many MB", findingCodes: ["fragmentation.ratio-high", "fragmentation.bytes-high"], metric: "memory.fragmentation_ratio" },
    { text: "RSS stays near the peak although data was deleted", metric: "memory.rss_bytes" },
    { text: "The container or host runs out of memory while Redis's own figures look fine", findingCodes: ["memory.rss-over-maxmemory"] },
    { text: "High churn of short-lived keys", metric: "keys.expired_per_sec" },
  ],
  investigation: [
    {
      id: "memory",
      title: "Read fragmentation as a ratio AND in bytes",
      probe: "memory",
      params: {},
      why: "mem_fragmentation_ratio alone misleads: on a small dataset a ratio of 3 is a few MB of allocator overhead and harmless (MEMORY DOCTOR ignores less than 10 MB fragmented). The bytes (mem_fragmentation_bytes, or RSS − used) say whether it matters; mem_allocator says which remedies exist.",
      redisCli: "redis-cli INFO memory | grep -E 'used_memory:|used_memory_rss:|mem_fragmentation_(ratio|bytes)|allocator_frag|mem_allocator|used_memory_peak:'   # and: redis-cli MEMORY DOCTOR",
      charts: ["memory.fragmentation_ratio", "memory.fragmentation_bytes", "memory.rss_bytes", "memory.used_bytes"],
      interpret: {
        confirms: ["fragmentation.ratio-high"],
        meaning:
          "Ratio above 1.5 with tens of MB or more fragmented: real fragmentation. allocator_frag_ratio high means holes inside jemalloc's pages (active defrag helps); a high rss_overhead_ratio is memory outside the allocator. A ratio below 1 means swapping, a different problem.",
      },
    },
    {
      id: "allocator",
      title: "Check the allocator and active defrag settings",
      probe: "config-audit",
      params: {},
      why: "Active defragmentation exists only when Redis is built with jemalloc, and only with a jemalloc that has the defrag hooks (the one bundled with Redis; some distribution packages link the system jemalloc and refuse CONFIG SET activedefrag yes). With libc malloc the only remedy is a restart. The audit reads mem_allocator before recommending activedefrag.",
      redisCli: "redis-cli INFO memory | grep mem_allocator && redis-cli CONFIG GET activedefrag && redis-cli CONFIG GET active-defrag-*",
      charts: [],
      interpret: {
        confirms: ["config.activedefrag-not-recommended"],
        meaning: "jemalloc with activedefrag no and high fragmentation: turn it on. Another allocator: plan a restart (after a failover) instead.",
      },
    },
    {
      id: "keyspace",
      title: "Look for the churn that fragments memory",
      probe: "keyspace",
      params: {},
      why: "Many keys with short TTLs and varying value sizes are the usual cause; the expiry rate and the share of keys with a TTL show it.",
      redisCli: "redis-cli INFO keyspace && redis-cli INFO stats | grep expired_keys",
      charts: ["keys.expired_per_sec", "keyspace.keys"],
      interpret: { confirms: ["keyspace.evictions"], meaning: "A high expiry rate and most keys carrying TTLs: churn. Evictions too: memory is also at the limit." },
    },
  ],
  rootCauses: [
    {
      id: "churn",
      title: "Churn of short-lived values of varying sizes",
      explanation: "jemalloc groups allocations by size class; create and delete millions of differently sized values and pages end up holding a few live values each, which keeps them resident.",
      confirmedBy: ["fragmentation.ratio-high", "fragmentation.bytes-high"],
    },
    {
      id: "after-mass-delete",
      title: "RSS kept after a large deletion",
      explanation: "After a big key or many keys were deleted, used memory fell but the pages they shared with surviving data stay resident until defragmented or the process restarts.",
      confirmedBy: ["fragmentation.ratio-high", "memory.rss-over-maxmemory"],
    },
    {
      id: "limits-without-headroom",
      title: "Container limit sized to maxmemory",
      explanation: "maxmemory bounds the data, not RSS: fragmentation, fork copy-on-write and buffers come on top. A memory limit equal to maxmemory guarantees an OOM kill eventually.",
      confirmedBy: ["memory.rss-over-maxmemory"],
    },
  ],
  fixes: [
    {
      id: "enable-activedefrag",
      title: "Turn on active defragmentation with thresholds",
      risk: "config",
      argv: ["CONFIG", "SET", "activedefrag", "yes", "active-defrag-ignore-bytes", "{ignoreBytes}", "active-defrag-threshold-lower", "{thresholdLowerPct}"],
      params: z
        .object({
          ignoreBytes: z.number().int().min(MB).max(64 * 1024 * MB).default(100 * MB).describe("Do nothing while less than this is fragmented"),
          thresholdLowerPct: z.number().int().min(1).max(100).default(10).describe("Start when fragmentation exceeds this percentage"),
        })
        .strict(),
      requiresAllocator: "jemalloc",
      minVersion: "7.0.0",
      preview:
        "CONFIG SET activedefrag yes active-defrag-ignore-bytes {ignoreBytes} active-defrag-threshold-lower {thresholdLowerPct} (one command from Redis 7.0; older servers need three CONFIG SETs): Redis moves live values off sparse pages in small steps on the main thread, within active-defrag-cycle-min/max percent of CPU, once more than {ignoreBytes} bytes and {thresholdLowerPct} % are fragmented. RSS falls gradually, over minutes.",
      dataCost: "No data. Some CPU (by default at most 25 % of a core) while it works; latency may rise slightly.",
      verify: { probe: "memory", params: {}, expect: { absent: ["fragmentation.ratio-high"] }, redisCli: "redis-cli INFO memory | grep -E 'mem_fragmentation_(ratio|bytes)|active_defrag_running'" },
      onError: [
        {
          match: "cannot be enabled",
          explain:
            "This build's jemalloc lacks the hooks active defrag needs: Redis's own bundled jemalloc has them, distribution packages linked against the system jemalloc often do not (mem_allocator still says jemalloc). Nothing was changed; release the memory with a restart after a failover instead.",
          next: ["restart-after-failover"],
        },
      ],
      when: { anyOf: ["fragmentation.ratio-high", "config.activedefrag-not-recommended"] },
    },
    {
      id: "restart-after-failover",
      title: "Without jemalloc: fail over, then restart the old master",
      risk: "read",
      params: z.object({}).strict(),
      preview: "Nothing is sent by Redline: a restart releases all fragmentation, done on a replica's side so no data is lost.",
      verify: { probe: "memory", params: {}, expect: { absent: ["fragmentation.ratio-high"] } },
      manual: {
        instructions:
          "Restart replicas one at a time (each reloads its data compactly), fail over to a restarted replica, then restart the former master as a replica. Raise the container memory limit first if it is close to RSS.",
        checklist: ["Replicas restarted and in sync", "Failover done", "Former master restarted as a replica", "Memory limit has headroom over maxmemory"],
        copyable: "redis-cli -h <replica> CLUSTER FAILOVER   # Cluster; with Sentinel: SENTINEL FAILOVER <master-name>",
      },
    },
    {
      id: "memory-headroom",
      title: "Give the container headroom over maxmemory",
      risk: "read",
      params: z.object({}).strict(),
      preview: "Nothing is sent to Redis: this is a change to the deployment's memory limit.",
      verify: { probe: "memory", params: {}, expect: { absent: ["memory.rss-over-maxmemory"] } },
      manual: {
        instructions: "Set the container memory limit to about 1.5 × maxmemory (fragmentation, fork copy-on-write, client buffers), or lower maxmemory to fit the limit.",
        checklist: ["limits.memory ≥ 1.5 × maxmemory", "maxmemory set explicitly"],
        copyable: "resources:\n  limits:\n    memory: 12Gi   # maxmemory 8gb × 1.5",
      },
    },
  ],
  prevention: {
    configChecks: [
      auditCheck("activedefrag"),
      check("active-defrag-ignore-bytes", "100mb", "Below this much fragmentation, defragmenting costs more CPU than it returns"),
      check("active-defrag-threshold-lower", "10 (%)", "Percent of fragmentation at which defragmentation starts"),
      auditCheck("maxmemory"),
    ],
    alertRules: ["fragmentation-warning", "fragmentation-critical", "memory-warning", "memory-critical"],
    practices: [
      "Alert on fragmentation ratio and fragmented bytes together, never on the ratio alone",
      "Size container limits at about 1.5 × maxmemory",
      "Prefer fewer, longer-lived keys of similar sizes over a churn of short-lived, varied ones",
    ],
  },
  detect: detectFragmentation,
});
