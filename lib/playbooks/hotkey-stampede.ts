// Playbook: one very hot cached key expires and every reader misses at once (incident 3).
import { z } from "zod";
import { detectHotkeyStampede } from "@/lib/triage/detectors/hotkey-stampede";
import { auditCheck, check } from "./config-checks";
import { definePlaybook } from "./schema";
import { suggestHottestKey } from "./fix-suggestions";

export const hotkeyStampedePlaybook = definePlaybook({
  id: "hotkey-stampede",
  title: "Hot key expiry: cache stampede",
  summary:
    "A key read by many clients at once has a short TTL. Each time it expires, all of them miss in the same instant, all query the database and all write the key back. Redis itself stays fast; the damage is the burst of misses and the load it sends to the backing store.",
  severityHint: "warning",
  symptoms: [
    { text: "keyspace_misses jumps in bursts, at a regular interval (the TTL)", findingCodes: ["hotkey.miss-burst"], metric: "keyspace.hit_ratio" },
    { text: "The backing database is overloaded while Redis looks healthy", metric: "ops.per_sec" },
    { text: "One key gets a large share of all reads", findingCodes: ["hotkey.found"] },
    { text: "Keys expire in waves", metric: "keys.expired_per_sec" },
  ],
  investigation: [
    {
      id: "policy",
      title: "Check the eviction policy first",
      probe: "config-audit",
      params: {},
      why: "Redis counts how often a key is used (OBJECT FREQ, what redis-cli --hotkeys reads) only under an LFU maxmemory-policy (allkeys-lfu or volatile-lfu). Under any other policy those commands fail and redis-cli --hotkeys exits with an error, so the method depends on this answer.",
      redisCli: "redis-cli CONFIG GET maxmemory-policy",
      charts: [],
      interpret: {
        confirms: ["config.maxmemory-policy-not-recommended"],
        meaning: "An LFU policy: use the LFU step next. Anything else: skip to the command-sampling step (bounded MONITOR, or HOTKEYS on Redis 8.6 and later).",
      },
    },
    {
      id: "hotkeys-lfu",
      title: "Rank keys by access frequency, with their TTLs",
      probe: "hotkeys",
      params: {},
      why: "Samples keys with SCAN and reads their LFU counters (OBJECT FREQ) and TTLs, plus keyspace_misses over a short window: a very hot key with a short TTL and misses that jump together is the stampede.",
      redisCli: "redis-cli --hotkeys   # only with maxmemory-policy allkeys-lfu or volatile-lfu; then redis-cli TTL <key>",
      charts: ["keyspace.hit_ratio", "keys.expired_per_sec"],
      interpret: {
        confirms: ["hotkey.found", "hotkey.short-ttl", "hotkey.miss-burst"],
        rulesOut: ["hotkey.lfu-unavailable"],
        meaning:
          "A key whose frequency stands far above the rest, a TTL of seconds to minutes, and miss bursts recurring at that TTL: confirmed. hotkey.lfu-unavailable: the policy is not LFU; use the next step.",
      },
    },
    {
      id: "hotkeys-sampling",
      title: "Without LFU: sample the command stream briefly",
      probe: "hotkeys",
      params: { allowMonitor: true, monitorSeconds: 5 },
      why: "Without LFU counters the only way to see which keys are read is to watch commands: a MONITOR window bounded in seconds and lines (it makes Redis copy every command to Redline, so keep it short), or HOTKEYS START/GET on Redis 8.6 and later, which tracks the top keys inside Redis.",
      redisCli:
        "timeout 5 redis-cli MONITOR | head -n 20000 | awk '{print $5}' | sort | uniq -c | sort -rn | head   # Redis ≥ 8.6: redis-cli HOTKEYS START METRICS 1 CPU DURATION 10; sleep 10; redis-cli HOTKEYS GET",
      charts: ["ops.per_sec"],
      interpret: { confirms: ["hotkey.found"], meaning: "One key at the top of the sample with a large share of all commands is the hot key; check its TTL next." },
      when: { anyOf: ["hotkey.lfu-unavailable", "config.maxmemory-policy-not-recommended"] },
    },
    {
      id: "keyspace",
      title: "Look at hit ratio and expirations",
      probe: "keyspace",
      params: {},
      why: "A stampede shows as misses rising while expirations tick; a cold cache after a restart or evictions under memory pressure look similar and are ruled out here.",
      redisCli: "redis-cli INFO stats | grep -E 'keyspace_(hits|misses)|expired_keys|evicted_keys'",
      charts: ["keyspace.hit_ratio", "keys.expired_per_sec", "keys.evicted_per_sec"],
      interpret: {
        rulesOut: ["keyspace.evictions", "server.restarted-empty"],
        meaning: "Evictions growing: memory pressure drops keys, not TTLs (see the memory playbooks). A restart that emptied the keyspace: k8s-data-loss.",
      },
    },
  ],
  rootCauses: [
    {
      id: "hot-key-short-ttl",
      title: "A hot key with a short TTL and no protection against concurrent rebuilds",
      explanation:
        "Every reader checks the cache, misses at the same moment the key expires, and rebuilds it from the database. With hundreds of concurrent readers, one expiry becomes hundreds of identical database queries.",
      confirmedBy: ["hotkey.miss-burst", "hotkey.short-ttl", "hotkey.found"],
      ruledOutBy: ["server.restarted-empty"],
    },
    {
      id: "synchronized-expiry",
      title: "Many keys written together with the same TTL",
      explanation: "Keys pre-warmed in one batch with one TTL expire in the same second; the misses come in waves even without one single hot key.",
      confirmedBy: ["hotkey.miss-burst", "keyspace.hit-ratio-low"],
    },
  ],
  fixes: [
    {
      id: "extend-ttl",
      suggest: suggestHottestKey,
      title: "Push the hot key's next expiry out (stop the bursts now)",
      risk: "config",
      argv: ["EXPIRE", "{key}", "{seconds}"],
      params: z
        .object({
          key: z.string().min(1).max(1024).describe("The hot key"),
          seconds: z.number().int().min(60).max(86_400).describe("New TTL in seconds"),
        })
        .strict(),
      preview: "EXPIRE {key} {seconds}: the key stays for {seconds} s instead of expiring in a few seconds, so the next stampede is postponed while the application is fixed. The value itself is unchanged.",
      dataCost: "Clients may read a stale value for up to {seconds} s; an application write or SET … EX resets the TTL again.",
      verify: { probe: "hotkeys", params: {}, expect: { absent: ["hotkey.miss-burst"] }, redisCli: "redis-cli TTL {key}" },
    },
    {
      id: "enable-lfu",
      title: "Track access frequency (LFU) so hot keys can be found",
      risk: "config",
      argv: ["CONFIG", "SET", "maxmemory-policy", "{policy}"],
      params: z.object({ policy: z.enum(["allkeys-lfu", "volatile-lfu"]).default("allkeys-lfu") }).strict(),
      preview:
        "CONFIG SET maxmemory-policy {policy}: Redis starts counting key accesses (OBJECT FREQ, redis-cli --hotkeys). It also changes which keys are evicted when maxmemory is reached: least frequently used instead of the current policy.",
      dataCost: "No data now. When memory is full, eviction picks different keys than before.",
      verify: { probe: "config-audit", params: {}, expect: { absent: ["config.maxmemory-policy-not-recommended"] }, redisCli: "redis-cli CONFIG GET maxmemory-policy" },
      when: { anyOf: ["hotkey.lfu-unavailable", "config.maxmemory-policy-not-recommended"] },
    },
    {
      id: "rebuild-once",
      title: "Rebuild the value once, not once per reader (application change)",
      risk: "read",
      params: z.object({}).strict(),
      preview: "Nothing is sent to Redis: this is a change to the application's cache reads.",
      verify: { probe: "hotkeys", params: {}, expect: { absent: ["hotkey.miss-burst"] } },
      manual: {
        instructions:
          "Pick one: (1) a rebuild lock, so the first reader to miss takes SET <key>:lock 1 NX EX 5 and rebuilds while the others wait briefly and retry; (2) logical expiry, storing the refresh time inside the value with no Redis TTL and refreshing in the background when it passes; (3) a few seconds of in-process cache in front of Redis for the hottest keys. Add random jitter to TTLs so keys written together do not expire together.",
        checklist: ["Only one rebuild per expiry reaches the database", "TTLs carry jitter (base + random 0–10 %)", "Hot keys pre-warmed before planned peaks"],
        copyable: `value = redis.get(key)
if value is None:
    if redis.set(key + ":lock", "1", nx=True, ex=5):
        value = load_from_database()
        redis.set(key, value, ex=base_ttl + random.randint(0, base_ttl // 10))
        redis.delete(key + ":lock")
    else:
        time.sleep(0.05)
        value = redis.get(key) or load_from_database()`,
      },
    },
  ],
  prevention: {
    configChecks: [
      auditCheck("maxmemory-policy"),
      check("maxmemory", "set, with an LFU policy for caches", "Without a limit no eviction policy applies, and LFU counters are the cheap way to find hot keys"),
    ],
    alertRules: [],
    practices: [
      "Jitter TTLs; never give a batch of keys the same expiry",
      "Guard rebuilds of expensive keys with a lock or logical expiry",
      "Pre-warm caches before planned peaks with TTLs longer than the peak",
      "Chart the hit ratio and miss rate per instance and alert on sudden drops",
    ],
  },
  detect: detectHotkeyStampede,
});
