// Playbook: one oversized key stalls every client whenever it is read or deleted whole (incident 1).
import { z } from "zod";
import { detectBigkey } from "@/lib/triage/detectors/bigkey";
import { auditCheck, check } from "./config-checks";
import { definePlaybook } from "./schema";
import { suggestBiggestKey } from "./fix-suggestions";

const keyParam = z.object({ key: z.string().min(1).max(1024).describe("The big key, as the bigkeys probe or the slowlog named it") }).strict();

export const bigkeyPlaybook = definePlaybook({
  id: "bigkey",
  title: "A big key blocks the server",
  summary:
    "One collection (hash, set, sorted set, list, stream) or string has grown so large that reading or deleting it whole holds Redis's single thread for tens or hundreds of milliseconds. Every other command, PING included, waits behind it, so latency spikes hit all clients at once.",
  severityHint: "warning",
  symptoms: [
    { text: "Latency jumps for every command at once, in short regular bursts, then recovers", findingCodes: ["latency.ping-high"], metric: "latency.ping_p99_ms" },
    { text: "The slowlog keeps showing the same key behind HGETALL, SMEMBERS, LRANGE 0 -1, ZRANGE 0 -1 or DEL", findingCodes: ["slowlog.slow-command", "slowlog.blocking-command"], metric: "slowlog.new_entries_last_min" },
    { text: "Network output spikes together with the latency: a whole collection is sent to a client", metric: "net.output_bytes_per_sec" },
    { text: "Memory sits close to maxmemory, much of it in one key", findingCodes: ["memory.near-maxmemory"], metric: "memory.used_pct_of_max" },
  ],
  investigation: [
    {
      id: "slowlog",
      title: "Read the slowlog: which command, which key",
      probe: "slowlog",
      params: { count: 64 },
      why: "The slowlog records how long a command ran on the server itself, without network time, and logs its arguments: the key is argv[1]. It is the fastest way to name the culprit.",
      redisCli: "redis-cli SLOWLOG GET 64",
      charts: ["slowlog.new_entries_last_min", "latency.ping_p99_ms"],
      interpret: {
        confirms: ["slowlog.slow-command", "slowlog.blocking-command"],
        rulesOut: ["slowlog.keys-command"],
        meaning:
          "The same key behind several slow whole-collection reads (or a slow DEL) means one big key. KEYS entries instead point at the keys-blocking playbook; slow EVAL/FCALL at lua-busy. An empty slowlog with high latency: check that slowlog-log-slower-than is not set above the stalls.",
      },
    },
    {
      id: "latency",
      title: "Confirm the whole server stalls, not one client",
      probe: "latency",
      params: { durationMs: 5000, intervalMs: 10 },
      why: "PING costs nothing on the server. If PING itself takes tens of milliseconds in bursts, the event loop is blocked for everyone; if PING stays fast, the slowness is elsewhere (network, client pool).",
      redisCli: "redis-cli --latency-history -i 1",
      charts: ["latency.ping_ms", "latency.ping_p99_ms"],
      interpret: {
        confirms: ["latency.ping-high", "latency.event"],
        meaning: "Regular PING spikes lining up with the slowlog entries' times: the big key's reads are the stall. Flat PING latency rules out a server-side block.",
      },
    },
    {
      id: "bigkeys",
      title: "Find and size the biggest keys",
      probe: "bigkeys",
      params: {},
      why: "A SCAN-based sample with a time and key budget: for each key the type's length command (HLEN, SCARD, ZCARD, LLEN, XLEN, STRLEN) and MEMORY USAGE with a small sample. It never reads a key whole, so it cannot cause the stall it looks for.",
      redisCli: "redis-cli --bigkeys -i 0.1   # then for one key: redis-cli TYPE <key>; redis-cli HLEN <key> (or SCARD/ZCARD/LLEN/XLEN/STRLEN); redis-cli MEMORY USAGE <key> SAMPLES 5",
      charts: ["memory.used_bytes"],
      interpret: {
        confirms: ["bigkey.found"],
        meaning:
          "A key with hundreds of thousands of elements or tens of MB is the suspect; match it against the slowlog key. MEMORY USAGE with SAMPLES 5 estimates from a few elements, good enough to rank keys (never SAMPLES 0 on a big key: it walks every element). bigkey.scan-partial means the budget ran out first: run it again to continue.",
      },
    },
    {
      id: "config",
      title: "Check how deletes and the slowlog behave",
      probe: "config-audit",
      params: {},
      why: "Before removing the key, know whether DEL would block (lazyfree-lazy-user-del no) and whether the slowlog threshold catches stalls of this size.",
      redisCli: "redis-cli CONFIG GET lazyfree-lazy-user-del && redis-cli CONFIG GET slowlog-log-slower-than",
      charts: [],
      interpret: {
        confirms: ["config.lazyfree-lazy-user-del-not-recommended", "config.slowlog-log-slower-than-not-recommended"],
        meaning: "lazyfree-lazy-user-del no: a DEL of the big key frees every element on the main thread, as long a stall as reading it. Use UNLINK regardless.",
      },
    },
    {
      id: "memory",
      title: "See how much of maxmemory the key takes",
      probe: "memory",
      params: {},
      why: "A big key that also fills memory changes the urgency: evictions or OOM errors come next.",
      redisCli: "redis-cli INFO memory",
      charts: ["memory.used_pct_of_max", "memory.used_bytes"],
      interpret: { confirms: ["memory.near-maxmemory"], meaning: "Used memory near maxmemory with one key holding a large share: removing or splitting it is also the memory fix." },
      when: { anyOf: ["memory.near-maxmemory", "bigkey.found"] },
    },
  ],
  rootCauses: [
    {
      id: "collection-read-whole",
      title: "A key grew without bound and is read whole",
      explanation:
        "Application code keeps adding to one hash, set, list, sorted set or stream (a per-user activity log, a global leaderboard, an audit stream), or caches a document that grew to tens of MB, and reads it with HGETALL, SMEMBERS, LRANGE 0 -1, ZRANGE 0 -1, XRANGE - + or GET. Each read serializes every element (or copies every byte) on the main thread and sends it over the network; everyone else waits.",
      confirmedBy: ["bigkey.found", "slowlog.slow-key", "commandstats.whole-key-slow", "slowlog.blocking-command"],
      ruledOutBy: ["slowlog.keys-command"],
    },
    {
      id: "big-delete",
      title: "A big key is deleted or expires synchronously",
      explanation:
        "DEL frees every element before it replies. With lazyfree-lazy-user-del no (the default), deleting a key of a million elements stalls the server as long as reading it; so does the expiry or eviction of one unless the matching lazyfree setting is on.",
      confirmedBy: ["config.lazyfree-lazy-user-del-not-recommended", "slowlog.slow-key"],
    },
    {
      id: "big-value-memory",
      title: "One key holds a large share of memory",
      explanation: "A single key of hundreds of MB makes memory use jumpy, eviction coarse and replication of that key heavy, even when it is rarely read.",
      confirmedBy: ["bigkey.found", "memory.near-maxmemory"],
    },
  ],
  fixes: [
    {
      id: "unlink-key",
      suggest: suggestBiggestKey,
      title: "Remove the big key without blocking (UNLINK)",
      risk: "destructive",
      argv: ["UNLINK", "{key}"],
      params: keyParam,
      preview:
        "UNLINK {key}: the key disappears from the keyspace at once and its memory is freed by a background thread, so the server does not stall. DEL would free it on the main thread and block as long as reading it (unless lazyfree-lazy-user-del is yes).",
      dataCost: "The key {key} and every element in it. If the data is still needed, copy it out in batches (HSCAN/SSCAN/ZSCAN/LRANGE with small ranges) or split it first.",
      verify: { probe: "bigkeys", params: {}, expect: { absent: ["bigkey.found"] }, redisCli: "redis-cli EXISTS {key}   # 0 once it is gone" },
    },
    {
      id: "lazyfree-user-del",
      title: "Make DEL free memory in the background too",
      risk: "config",
      argv: ["CONFIG", "SET", "lazyfree-lazy-user-del", "yes"],
      params: z.object({}).strict(),
      preview: "CONFIG SET lazyfree-lazy-user-del yes: from now on DEL behaves like UNLINK, so an application deleting a big key no longer stalls the server. Takes effect at once; add it to the config file to keep it after a restart.",
      minVersion: "6.0.0",
      verify: { probe: "config-audit", params: {}, expect: { absent: ["config.lazyfree-lazy-user-del-not-recommended"] }, redisCli: "redis-cli CONFIG GET lazyfree-lazy-user-del" },
    },
    {
      id: "split-key",
      title: "Split the key and stop reading it whole (application change)",
      risk: "read",
      params: z.object({}).strict(),
      preview: "Nothing is sent to Redis: this is a change to the application that owns the key.",
      verify: { probe: "slowlog", params: { count: 64 }, expect: { absent: ["slowlog.blocking-command"] } },
      manual: {
        instructions:
          "Spread the elements over many smaller keys (bucket by a hash of the field or member, e.g. crc32(field) % 256), move the existing data with HSCAN/SSCAN/ZSCAN in batches of a few hundred, and replace whole reads with HMGET of the fields needed, ranges (LRANGE/ZRANGE with bounds) or cursors. Then UNLINK the original.",
        checklist: [
          "Writers send new elements to the bucketed keys",
          "Existing elements copied in batches (no whole read)",
          "Readers use HMGET / bounded ranges / SCAN cursors",
          "Original key removed with UNLINK",
        ],
        copyable: `# move a big hash into 256 buckets, 500 fields at a time
cursor=0
while :; do
  reply=$(redis-cli --raw HSCAN "$KEY" "$cursor" COUNT 500)
  cursor=$(echo "$reply" | head -1)
  echo "$reply" | tail -n +2 | paste - - | while IFS=$'\\t' read -r field value; do
    bucket=$(( $(printf '%s' "$field" | cksum | cut -d' ' -f1) % 256 ))
    redis-cli HSET "$KEY:$bucket" "$field" "$value" >/dev/null
  done
  [ "$cursor" = "0" ] && break
done
redis-cli UNLINK "$KEY"`,
      },
    },
  ],
  prevention: {
    configChecks: [
      auditCheck("slowlog-log-slower-than"),
      auditCheck("lazyfree-lazy-user-del"),
      check("lazyfree-lazy-expire", "yes", "An expiring big key is then freed in the background instead of stalling the server at expiry time"),
      check("lazyfree-lazy-eviction", "yes", "Evicting a big key under memory pressure no longer stalls the server"),
      auditCheck("maxmemory"),
    ],
    alertRules: ["slow-command", "blocking-command", "ping-slow", "ping-p99", "memory-warning"],
    practices: [
      "Give every collection a size bound or a time bucket in its key name (activity:<user>:<day>)",
      "Read collections with HMGET, bounded ranges or SCAN cursors; keep HGETALL/SMEMBERS for collections known to stay small",
      "Delete big keys with UNLINK; turn on the lazyfree-* settings",
      "Run the bigkeys probe on a schedule and alert on keys above an agreed size",
    ],
  },
  detect: detectBigkey,
});
