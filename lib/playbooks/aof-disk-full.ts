// Playbook: the data disk fills up, saves and AOF writes fail, and Redis refuses writes (incident 9).
import { z } from "zod";
import { detectAofDiskFull } from "@/lib/triage/detectors/aof-disk-full";
import { auditCheck, check } from "./config-checks";
import { definePlaybook } from "./schema";

const none = z.object({}).strict();
const persistenceVerify = {
  probe: "persistence",
  params: {},
  expect: { absent: ["persistence.writes-refused", "persistence.bgsave-failed", "persistence.aof-write-failed"] },
  redisCli: "redis-cli INFO persistence | grep -E 'rdb_last_bgsave_status|aof_last_bgrewrite_status|aof_last_write_status'",
};

export const aofDiskFullPlaybook = definePlaybook({
  id: "aof-disk-full",
  title: "Disk full: persistence fails, writes refused (MISCONF)",
  summary:
    "The volume holding Redis's data directory runs out of space, often because AOF rewrites keep failing and leave large temporary files, or the AOF grows faster than rewrites compact it. Background saves and AOF writes fail; with stop-writes-on-bgsave-error yes (the default) and save points configured, or with a failed AOF write, Redis answers every write with a MISCONF error. Reads keep working.",
  severityHint: "critical",
  symptoms: [
    { text: "Writes fail with \"MISCONF … unable to persist to disk\" while reads work", findingCodes: ["persistence.misconf", "persistence.writes-refused", "persistence.misconf-errors"] },
    { text: "The last background save, AOF rewrite or AOF write failed", findingCodes: ["persistence.bgsave-failed", "persistence.aof-rewrite-failed", "persistence.aof-write-failed"] },
    { text: "Disk monitoring shows the data volume at or near 100 %" },
    { text: "An AOF rewrite runs for very long, or waits and never starts", findingCodes: ["persistence.aof-rewrite-long", "persistence.aof-rewrite-waiting"] },
  ],
  investigation: [
    {
      id: "persistence",
      title: "Read every persistence status and whether writes are refused",
      probe: "persistence",
      params: {},
      why: "Three statuses fail separately: rdb_last_bgsave_status (snapshots), aof_last_bgrewrite_status (compaction), aof_last_write_status (every write's append). Whether writes are refused follows from them and from stop-writes-on-bgsave-error; the probe also names the files for this Redis version and the directory they live in.",
      redisCli: "redis-cli INFO persistence && redis-cli CONFIG GET dir && redis-cli CONFIG GET appenddirname && redis-cli CONFIG GET stop-writes-on-bgsave-error",
      charts: [],
      interpret: {
        confirms: ["persistence.writes-refused", "persistence.bgsave-failed", "persistence.aof-write-failed", "persistence.aof-rewrite-failed", "persistence.misconf-errors"],
        meaning:
          "writes-refused: applications are failing right now; free disk first. aof-write-failed: the AOF could not be appended (disk full or I/O error) and writes get MISCONF regardless of stop-writes-on-bgsave-error. Only the rewrite failed: writes continue but the AOF keeps growing.",
      },
    },
    {
      id: "disk",
      title: "Look at the disk itself (outside Redis)",
      probe: "persistence",
      params: {},
      why: "Redis cannot report free space. The file list from the previous step says where to look: on Redis 7.0 and later the AOF is several files in the appenddirname folder (a base, incremental files and a manifest); before 7.0 it is one appendonly.aof. Leftover temp-rewriteaof-bg-<pid>.aof and temp-<pid>.rdb files in dir are from rewrites and saves that died.",
      redisCli: "df -h <dir> && ls -la <dir> <dir>/<appenddirname>   # run on the host or in the pod",
      charts: [],
      interpret: {
        meaning:
          "Space taken by temp-*.aof / temp-*.rdb files whose pid is not a running Redis child: leftovers, safe to delete once no rewrite or save is in progress. Never delete files the manifest lists (Redis ≥ 7) or the live appendonly.aof (before 7).",
      },
    },
    {
      id: "memory",
      title: "Rule out a fork that failed for memory",
      probe: "memory",
      params: {},
      why: "A background save or rewrite also fails when the fork cannot get memory (vm.overcommit_memory, container limits), with the same status in INFO and a different message in the log.",
      redisCli: "redis-cli INFO memory | grep -E 'used_memory:|used_memory_rss:|maxmemory:'   # and the server log: 'Can't save in background: fork'",
      charts: ["memory.rss_bytes", "memory.used_pct_of_max"],
      interpret: { confirms: ["memory.near-maxmemory"], meaning: "Memory near the host or container limit and no disk shortage: the fork failed, not the disk." },
      when: { anyOf: ["persistence.bgsave-failed", "persistence.aof-rewrite-failed"] },
    },
  ],
  rootCauses: [
    {
      id: "disk-full",
      title: "The data volume is full",
      explanation: "The AOF, its rewrite copy and the RDB need room at the same time: a rewrite writes a complete new copy before the old files go, so a volume sized for the data alone fills during every rewrite.",
      confirmedBy: ["persistence.aof-write-failed", "persistence.writes-refused", "persistence.bgsave-failed", "persistence.misconf-errors"],
    },
    {
      id: "leftover-temp-files",
      title: "Failed rewrites left large temporary files",
      explanation: "A rewrite child killed midway (OOM kill, node eviction) leaves its temp file; each retry writes another. They are not part of the AOF and only take space.",
      confirmedBy: ["persistence.aof-rewrite-failed", "persistence.aof-rewrite-long"],
    },
    {
      id: "fork-failed",
      title: "The fork for the save failed (memory), not the disk",
      explanation: "Saving and rewriting fork the process; without memory for the fork (strict overcommit, tight container limit) the child never starts and the status reads err.",
      confirmedBy: ["persistence.bgsave-failed", "memory.near-maxmemory"],
      ruledOutBy: ["persistence.aof-write-failed"],
    },
  ],
  fixes: [
    {
      id: "free-disk",
      title: "Free space on the data volume",
      risk: "destructive",
      params: none,
      preview: "Nothing is sent by Redline: files are removed or the volume grown on the host or in Kubernetes.",
      dataCost: "Only leftover temp files may be removed. Deleting a file the AOF manifest lists, or the live AOF/RDB, loses data.",
      verify: persistenceVerify,
      manual: {
        instructions:
          "1) Confirm no save or rewrite is running (rdb_bgsave_in_progress:0, aof_rewrite_in_progress:0). 2) List dir and the appenddirname folder. 3) Remove only temp-rewriteaof-bg-<pid>.aof and temp-<pid>.rdb leftovers whose pid is not running, and unrelated files on the volume. 4) If that is not enough, grow the volume (PVC) before anything else.",
        checklist: ["No save or rewrite in progress", "Manifest-listed files left untouched (Redis ≥ 7)", "Leftover temp files removed", "Volume grown if still above 75 %"],
        copyable: "redis-cli INFO persistence | grep -E '_in_progress'\nls -la \"$(redis-cli CONFIG GET dir | tail -1)\"\nkubectl patch pvc <claim> -n <ns> -p '{\"spec\":{\"resources\":{\"requests\":{\"storage\":\"40Gi\"}}}}'",
      },
    },
    {
      id: "bgsave",
      title: "Save again so the error clears",
      risk: "config",
      argv: ["BGSAVE"],
      params: none,
      preview:
        "BGSAVE: forks and writes a fresh RDB. When it succeeds, rdb_last_bgsave_status returns to ok and writes are accepted again. Needs free disk about the size of the dataset, and fork memory.",
      dataCost: "No data; a fork (copy-on-write memory) and disk I/O while it runs.",
      verify: persistenceVerify,
      when: { anyOf: ["persistence.bgsave-failed", "persistence.writes-refused"] },
    },
    {
      id: "bgrewriteaof",
      title: "Compact the AOF",
      risk: "config",
      argv: ["BGREWRITEAOF"],
      params: none,
      preview:
        "BGREWRITEAOF: forks and writes a compact new AOF, then switches to it and drops the old files. Needs free disk about the size of the current AOF while it runs. A failed AOF write recovers on its own once the disk has room again.",
      dataCost: "No data; a fork and disk I/O while it runs.",
      verify: { ...persistenceVerify, expect: { absent: ["persistence.aof-rewrite-failed", "persistence.aof-write-failed"] } },
      when: { anyOf: ["persistence.aof-rewrite-failed", "persistence.aof-write-failed", "persistence.aof-rewrite-long"] },
    },
    {
      id: "accept-writes-unsaved",
      title: "Last resort: accept writes although saving fails",
      risk: "destructive",
      argv: ["CONFIG", "SET", "stop-writes-on-bgsave-error", "no"],
      params: none,
      preview:
        "CONFIG SET stop-writes-on-bgsave-error no: Redis accepts writes again while RDB saves keep failing. It does not help when the AOF write itself fails. Set it back to yes as soon as a save succeeds.",
      dataCost: "Every write accepted while saves fail is lost if the server restarts before a save succeeds.",
      verify: { probe: "persistence", params: {}, expect: { absent: ["persistence.writes-refused"] } },
      when: { anyOf: ["persistence.writes-refused"] },
    },
  ],
  prevention: {
    configChecks: [
      auditCheck("stop-writes-on-bgsave-error"),
      auditCheck("appendonly"),
      check("auto-aof-rewrite-percentage", "100 (the default)", "Rewrites start when the AOF doubles; the volume must hold the AOF twice over"),
      check("dir", "a dedicated volume, not the root filesystem", "A full root filesystem takes the node down with Redis"),
    ],
    alertRules: ["rdb-failed", "aof-write-failed", "aof-rewrite-failed", "aof-rewrite-long", "aof-rewrite-waiting"],
    practices: [
      "Alert on the data volume at 75 % full: a rewrite needs room for a second copy of the AOF",
      "Give Redis data its own volume (PVC), sized at least 2–3 × the AOF",
      "Run Redis 7.0 or later (multi-part AOF: smaller rewrites, leftovers in one folder)",
      "Monitor aof_last_write_status and rdb_last_bgsave_status, not only disk space",
    ],
  },
  detect: detectAofDiskFull,
});
