// Playbook: KEYS walks the whole keyspace on the main thread and stalls every client (incident 7).
import { z } from "zod";
import { detectKeysBlocking } from "@/lib/triage/detectors/keys-blocking";
import { auditCheck, check } from "./config-checks";
import { definePlaybook } from "./schema";
import { suggestKeysUser } from "./fix-suggestions";

const user = z
  .string()
  .regex(/^[A-Za-z0-9_.:@-]{1,128}$/, "An ACL user name as ACL LIST shows it")
  .describe("The ACL user the job connects as (ACL LIST; 'default' when it uses requirepass)");

export const keysBlockingPlaybook = definePlaybook({
  id: "keys-blocking",
  title: "KEYS blocks the server",
  summary:
    "KEYS <pattern> compares every key in the database with the pattern before it answers, on the main thread. On millions of keys that takes seconds, during which no other client is served. It is usually a maintenance script or an admin tool, and it repeats whenever that job runs.",
  severityHint: "critical",
  symptoms: [
    { text: "All requests time out together for a second or more, often at a fixed time or interval (a cron job)", findingCodes: ["latency.ping-high"], metric: "latency.ping_p99_ms" },
    { text: "The slowlog shows KEYS with a pattern", findingCodes: ["slowlog.keys-command", "slowlog.blocking-command"], metric: "slowlog.new_entries_last_min" },
    { text: "KEYS appears in the command statistics", findingCodes: ["keys.command-used"] },
    { text: "A connection's last command is keys (CLIENT LIST cmd=keys)", findingCodes: ["keys.client-seen"] },
  ],
  investigation: [
    {
      id: "slowlog",
      title: "Find the KEYS calls in the slowlog",
      probe: "slowlog",
      params: { count: 64 },
      why: "The slowlog keeps the pattern, the duration on the server and the client's address and name: what ran, how long everyone waited, and who sent it.",
      redisCli: "redis-cli SLOWLOG GET 64   # look for entries whose command is KEYS",
      charts: ["slowlog.new_entries_last_min", "latency.ping_p99_ms"],
      interpret: {
        confirms: ["slowlog.keys-command", "slowlog.blocking-command"],
        meaning: "KEYS entries of hundreds of ms or more at the times of the outages: confirmed. The client address/name identifies the job. Other commands with one key repeated: the bigkey playbook.",
      },
    },
    {
      id: "keys-usage",
      title: "How often KEYS runs, and who may run it",
      probe: "keys-usage",
      params: {},
      why: "Command statistics count every KEYS since start with its average cost, and the ACL says which users are allowed to call it: whether this was one accident or a job that will come back.",
      redisCli: "redis-cli INFO commandstats | grep cmdstat_keys && redis-cli ACL LIST",
      charts: [],
      interpret: {
        confirms: ["keys.command-used", "slowlog.keys-command", "keys.acl-allows"],
        meaning: "Many calls with a high usec_per_call: a recurring job. keys.acl-allows: nothing stops it from running again; deny it with ACL.",
      },
    },
    {
      id: "clients",
      title: "Which connection runs it",
      probe: "clients",
      params: { limit: 500 },
      why: "CLIENT LIST shows each connection's last command (cmd=keys), address and name, without touching the keyspace.",
      redisCli: "redis-cli CLIENT LIST | grep 'cmd=keys'",
      charts: ["clients.connected"],
      interpret: { confirms: ["keys.client-seen"], meaning: "The host and client name of cmd=keys connections lead to the script or tool to change." },
    },
    {
      id: "keyspace",
      title: "How many keys each KEYS has to walk",
      probe: "keyspace",
      params: {},
      why: "KEYS costs in proportion to all keys in the database, not to the matches: the key count predicts how long every run blocks.",
      redisCli: "redis-cli INFO keyspace   # or DBSIZE",
      charts: ["keyspace.keys"],
      interpret: { meaning: "Millions of keys: each KEYS blocks for seconds regardless of how few keys match the pattern." },
    },
  ],
  rootCauses: [
    {
      id: "job-uses-keys",
      title: "A job lists keys with KEYS instead of SCAN",
      explanation: "A maintenance script, cleanup job or admin tool calls KEYS <prefix>* to find keys. It ran fine on a small database and now blocks for seconds each time.",
      confirmedBy: ["slowlog.keys-command", "keys.command-used", "keys.client-seen"],
    },
    {
      id: "not-denied",
      title: "Nothing prevents KEYS in production",
      explanation: "The user the job connects as is allowed KEYS (often the default user with all commands), so any tool or person can stall the server again.",
      confirmedBy: ["keys.acl-allows"],
    },
  ],
  fixes: [
    {
      id: "acl-deny-keys",
      suggest: suggestKeysUser,
      title: "Deny KEYS to the job's user (ACL)",
      risk: "config",
      argv: ["ACL", "SETUSER", "{user}", "-keys"],
      params: z.object({ user }).strict(),
      minVersion: "6.0.0",
      preview:
        "ACL SETUSER {user} -keys: from the next command on, connections authenticated as {user} get a NOPERM error for KEYS; everything else they may do is unchanged. Applies to connections already open. ACL SETUSER creates the user if the name does not exist, so check it in ACL LIST first. Kept after a restart only once saved (ACL SAVE with an aclfile, or CONFIG REWRITE when users live in redis.conf).",
      dataCost: "No data. The job fails with NOPERM instead of blocking the server, until it uses SCAN.",
      verify: { probe: "keys-usage", params: {}, expect: { absent: ["keys.acl-allows"] }, redisCli: "redis-cli ACL GETUSER {user}   # commands: … -keys" },
    },
    {
      id: "acl-deny-dangerous",
      suggest: suggestKeysUser,
      title: "Deny the whole @dangerous category to the job's user",
      risk: "config",
      argv: ["ACL", "SETUSER", "{user}", "-@dangerous"],
      params: z.object({ user }).strict(),
      minVersion: "6.0.0",
      preview:
        "ACL SETUSER {user} -@dangerous: {user} can no longer run KEYS nor the other commands Redis flags dangerous (FLUSHALL, FLUSHDB, DEBUG, CONFIG, MONITOR, SHUTDOWN, CLIENT KILL, INFO and more). Do not apply it to a user that admins or Redline itself connect as: INFO, CONFIG GET and SLOWLOG are in that category.",
      dataCost: "No data. Tools using {user} for administration lose those commands.",
      verify: { probe: "keys-usage", params: {}, expect: { absent: ["keys.acl-allows"] }, redisCli: "redis-cli ACL GETUSER {user}" },
    },
    {
      id: "rename-in-config",
      title: "Disable KEYS for everyone (config file + restart)",
      risk: "read",
      params: z.object({}).strict(),
      preview: "Nothing is sent by Redline: rename-command can only be set in the config file and takes effect at the next restart. CONFIG SET rejects it.",
      verify: { probe: "keys-usage", params: {}, expect: { absent: ["keys.command-used"] } },
      manual: {
        instructions:
          "Add rename-command KEYS \"\" to redis.conf (or to the config your operator or Helm chart renders) and restart the servers one at a time, replicas first, then fail over. Prefer the ACL rule: it works at runtime and can be scoped to one user.",
        checklist: ["Line added to the config file", "Replicas restarted", "Failover done and former master restarted"],
        copyable: 'rename-command KEYS ""',
      },
    },
    {
      id: "rewrite-with-scan",
      title: "Rewrite the job with SCAN",
      risk: "read",
      params: z.object({}).strict(),
      preview: "Nothing is sent to Redis: this is a change to the job that calls KEYS.",
      verify: { probe: "slowlog", params: { count: 64 }, expect: { absent: ["slowlog.keys-command"] } },
      manual: {
        instructions:
          "Iterate with SCAN <cursor> MATCH <pattern> COUNT 100–1000, handle each batch as it comes, and pause a few ms between batches on busy servers. Delete what you find with UNLINK in small batches. SCAN may return a key twice: make the handling idempotent.",
        checklist: ["KEYS replaced by a SCAN cursor loop", "Batches deleted with UNLINK", "Job tested on a production-sized copy"],
        copyable: `cursor=0
while :; do
  reply=$(redis-cli --raw SCAN "$cursor" MATCH 'session:*' COUNT 500)
  cursor=$(echo "$reply" | head -1)
  echo "$reply" | tail -n +2 | grep -v '^$' | xargs -r redis-cli UNLINK >/dev/null
  [ "$cursor" = "0" ] && break
  sleep 0.01
done`,
      },
    },
  ],
  prevention: {
    configChecks: [
      auditCheck("slowlog-log-slower-than"),
      check("ACL rules", "application and job users: -@dangerous (or at least -keys)", "KEYS, FLUSHALL and DEBUG then fail with NOPERM instead of stalling or emptying the server"),
      check("rename-command (config file)", 'rename-command KEYS "" where no one needs it', "A second line of defence that no ACL user can bypass; needs a restart"),
    ],
    alertRules: ["blocking-command", "slow-command", "ping-slow", "ping-p99"],
    practices: [
      "Never use KEYS, SMEMBERS or HGETALL on unbounded data in code or scripts; iterate with SCAN/SSCAN/HSCAN/ZSCAN",
      "Give every application and job its own ACL user with only the commands it needs",
      "Add KEYS to the code review checklist and to static checks of ops scripts",
    ],
  },
  detect: detectKeysBlocking,
});
