// Playbook: a Lua script or function never returns and the server answers BUSY to everything (incident 4).
import { z } from "zod";
import { detectLuaBusy } from "@/lib/triage/detectors/lua-busy";
import { auditCheck } from "./config-checks";
import { definePlaybook } from "./schema";

const none = z.object({}).strict();
const pingVerify = { probe: "lua", params: {}, expect: { absent: ["lua.busy", "lua.script-running"] }, redisCli: "redis-cli PING   # PONG again (Redline sends it on its reserved connection)" };

export const luaBusyPlaybook = definePlaybook({
  id: "lua-busy",
  title: "A script never ends: Redis answers BUSY",
  summary:
    "Scripts (EVAL) and functions (FCALL) run on Redis's single thread. One that loops or works through too much data holds it; once it has run past busy-reply-threshold (called lua-time-limit before Redis 7.0), every other command gets a BUSY error, PING included. Connections still open, which makes it look like a hang rather than an outage.",
  severityHint: "critical",
  symptoms: [
    { text: "Every command, PING included, fails with \"BUSY Redis is busy running a script\"", findingCodes: ["lua.busy"] },
    { text: "Application requests time out and circuit breakers open right after a deployment or a migration job" },
    { text: "The redis-server process uses 100 % of one CPU core" },
    { text: "Afterwards: long EVAL/FCALL entries in the slowlog and BUSY counted in errorstats", findingCodes: ["slowlog.script-slow", "errorstats.busy"], metric: "slowlog.new_entries_last_min" },
  ],
  investigation: [
    {
      id: "lua",
      title: "Is a script running now, and which kind?",
      probe: "lua",
      params: {},
      why: "Redline asks on its reserved connection, which stays usable while the probe connection is stuck. The BUSY reply itself says which kill command applies: \"You can only call SCRIPT KILL\" for EVAL scripts, \"FUNCTION KILL\" for functions; FUNCTION STATS still answers during a running function and names it.",
      redisCli: "redis-cli PING   # BUSY … You can only call SCRIPT KILL (or FUNCTION KILL) or SHUTDOWN NOSAVE.\nredis-cli FUNCTION STATS   # during a function: running_script with its name and duration_ms",
      charts: [],
      interpret: {
        confirms: ["lua.busy", "lua.script-running"],
        meaning: "BUSY naming SCRIPT KILL: an EVAL/EVALSHA script; naming FUNCTION KILL: an FCALL function. No BUSY: the script has finished; look at the slowlog for what ran.",
      },
    },
    {
      id: "threshold",
      title: "Read the threshold under the name the server uses",
      probe: "config-audit",
      params: {},
      why: "busy-reply-threshold (lua-time-limit on servers before 7.0; the old name still works as an alias) decides after how many milliseconds other clients get BUSY and a kill is accepted. It is not a timeout: the script keeps running after it.",
      redisCli: "redis-cli CONFIG GET busy-reply-threshold   # before 7.0: CONFIG GET lua-time-limit",
      charts: [],
      interpret: {
        confirms: ["config.busy-reply-threshold-not-recommended", "lua.threshold-high"],
        meaning: "A high value means clients hang silently for that long before they even see BUSY. The default is 5000 ms.",
      },
    },
    {
      id: "slowlog",
      title: "Once it is over: what ran, for how long, from which client",
      probe: "slowlog",
      params: { count: 64 },
      why: "The slowlog entry of the script carries its full duration, the script or function name and the client address: who deployed it.",
      redisCli: "redis-cli SLOWLOG GET 64 | grep -A6 -iE 'eval|fcall'",
      charts: ["slowlog.new_entries_last_min"],
      interpret: {
        confirms: ["slowlog.script-slow", "slowlog.slow-command"],
        meaning: "An EVAL/FCALL entry lasting seconds: the culprit. Several shorter script entries: a script whose cost grows with the data it touches.",
      },
    },
  ],
  rootCauses: [
    {
      id: "endless-loop",
      title: "A script loops forever",
      explanation: "A wait-until loop whose exit condition can never become true inside a script (nothing else runs meanwhile, so the condition never changes), or a bug in a migration script.",
      confirmedBy: ["lua.busy", "lua.script-running"],
    },
    {
      id: "too-much-work",
      title: "A script processes too much data in one call",
      explanation: "A script that walks a whole keyspace or a big collection finishes eventually, but holds the thread for seconds each time it runs.",
      confirmedBy: ["slowlog.script-slow", "commandstats.script-slow"],
    },
    {
      id: "threshold-too-high",
      title: "busy-reply-threshold set so high clients time out without an answer",
      explanation: "With a threshold of tens of seconds, clients see timeouts rather than BUSY, and the script cannot be killed until the threshold has passed.",
      confirmedBy: ["lua.threshold-high", "config.busy-reply-threshold-not-recommended"],
    },
  ],
  fixes: [
    {
      id: "script-kill",
      title: "Stop the script (SCRIPT KILL)",
      risk: "config",
      argv: ["SCRIPT", "KILL"],
      params: none,
      reservedConnection: true,
      preview:
        "SCRIPT KILL on Redline's reserved connection: stops the running EVAL script if it has not written anything yet. Its caller gets an error; other clients are served again immediately. Accepted only after busy-reply-threshold has passed.",
      dataCost: "None: a script is killable only while it has made no writes. The script's own work is abandoned.",
      verify: pingVerify,
      onError: [
        {
          match: "UNKILLABLE",
          explain:
            "The script has already written, so Redis refuses to stop it: stopping it halfway would leave its writes half done. Two ways out: promote a replica first, then stop this server (clients lose only what had not reached the replica); or, without a replica, stop this server with SHUTDOWN NOSAVE (everything written since the last save is lost). Waiting is the third option if the script will end on its own.",
          next: ["failover-first", "shutdown-nosave"],
        },
        { match: "FUNCTION KILL", explain: "A function (FCALL) is running, not an EVAL script: use FUNCTION KILL.", next: ["function-kill"] },
        { match: "NOTBUSY", explain: "Nothing is running any more: the script ended or was killed. Verify with PING.", next: [] },
      ],
    },
    {
      id: "function-kill",
      title: "Stop the function (FUNCTION KILL)",
      risk: "config",
      argv: ["FUNCTION", "KILL"],
      params: none,
      reservedConnection: true,
      minVersion: "7.0.0",
      preview: "FUNCTION KILL on Redline's reserved connection: stops the running function (FCALL) if it has not written anything yet. Same rules as SCRIPT KILL.",
      dataCost: "None: only a function that has made no writes can be killed.",
      verify: pingVerify,
      onError: [
        {
          match: "UNKILLABLE",
          explain: "The function has already written: see SCRIPT KILL's UNKILLABLE path (fail over first, or SHUTDOWN NOSAVE and lose what was written since the last save).",
          next: ["failover-first", "shutdown-nosave"],
        },
        { match: "NOTBUSY", explain: "Nothing is running any more. Verify with PING.", next: [] },
      ],
    },
    {
      id: "failover-first",
      title: "Unkillable: promote a replica, then stop this server",
      risk: "destructive",
      params: none,
      preview: "Nothing is sent by Redline: the failover runs on the replica (or through Sentinel/Cluster), and the stuck server is stopped afterwards.",
      dataCost: "Writes the stuck master accepted that had not reached the replica (its replication lag at the time), and the stuck script's partial writes.",
      verify: pingVerify,
      manual: {
        instructions:
          "1) Promote a replica: with Sentinel, SENTINEL FAILOVER <master-name> on a sentinel; in a Cluster, CLUSTER FAILOVER FORCE on the replica; with plain replication, REPLICAOF NO ONE on the replica and point clients at it. 2) Stop the stuck server with SHUTDOWN NOSAVE (or let its supervisor kill it). 3) Start it again as a replica of the new master; it resynchronizes.",
        checklist: ["Replica promoted and taking writes", "Clients pointed at the new master", "Old master stopped with SHUTDOWN NOSAVE", "Old master restarted as a replica and in sync"],
        copyable: "redis-cli -h <sentinel> -p 26379 SENTINEL FAILOVER <master-name>\n# or, plain replication:\nredis-cli -h <replica> REPLICAOF NO ONE\nredis-cli -h <stuck-master> SHUTDOWN NOSAVE",
      },
      when: { anyOf: ["lua.busy"] },
    },
    {
      id: "shutdown-nosave",
      title: "Unkillable, no replica: SHUTDOWN NOSAVE",
      risk: "destructive",
      params: none,
      preview:
        "Nothing is sent by Redline (it never sends SHUTDOWN): an operator runs SHUTDOWN NOSAVE, the one command besides the kill commands a BUSY server still accepts. The process exits without saving; its supervisor restarts it from the last RDB or AOF on disk.",
      dataCost:
        "With RDB only: every write since the last successful save (rdb_last_save_time). With AOF: the writes not yet fsynced (about a second with appendfsync everysec) plus the script's own writes. With no persistence: the whole dataset.",
      verify: pingVerify,
      manual: {
        instructions: "Run SHUTDOWN NOSAVE on the stuck server, make sure its supervisor (systemd, Kubernetes) restarts it, and check the keyspace after it loaded.",
        checklist: ["Data loss accepted by the service owner", "SHUTDOWN NOSAVE sent", "Server restarted and loaded its data", "Clients reconnected"],
        copyable: "redis-cli -h <host> -p <port> SHUTDOWN NOSAVE",
      },
      when: { anyOf: ["lua.busy"] },
    },
    {
      id: "set-threshold",
      title: "Restore busy-reply-threshold to the default",
      risk: "config",
      argv: ["CONFIG", "SET", "{setting}", "{ms}"],
      params: z
        .object({
          setting: z.enum(["busy-reply-threshold", "lua-time-limit"]).default("busy-reply-threshold").describe("lua-time-limit on servers before 7.0"),
          ms: z.number().int().min(100).max(60_000).default(5_000),
        })
        .strict(),
      preview: "CONFIG SET {setting} {ms}: after {ms} ms a running script makes other clients get BUSY and can be killed. It does not stop scripts by itself.",
      verify: { probe: "config-audit", params: {}, expect: { absent: ["config.busy-reply-threshold-not-recommended"] }, redisCli: "redis-cli CONFIG GET {setting}" },
      when: { anyOf: ["lua.threshold-high", "config.busy-reply-threshold-not-recommended"] },
    },
  ],
  prevention: {
    configChecks: [
      auditCheck("busy-reply-threshold"),
      auditCheck("appendonly"),
    ],
    alertRules: ["busy-script", "slow-command"],
    practices: [
      "Never wait for a condition inside a script: nothing else runs while it waits",
      "Run data migrations from a client in small batches, not as one script",
      "Review scripts for unbounded loops and test them against production-sized data before deploying",
      "Prefer functions (FUNCTION LOAD/FCALL) for versioned, reviewable server-side code",
      "Keep at least one replica per master: an unkillable script then costs a failover, not the writes since the last save",
    ],
  },
  detect: detectLuaBusy,
});
