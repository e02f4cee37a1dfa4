// Playbook: connections reach maxclients and every new one is refused (incident 8).
import { z } from "zod";
import { detectConnectionExhaustion } from "@/lib/triage/detectors/connection-exhaustion";
import { auditCheck } from "./config-checks";
import { definePlaybook } from "./schema";
import { suggestIdleConnections, suggestMaxclients } from "./fix-suggestions";

export const connectionExhaustionPlaybook = definePlaybook({
  id: "connection-exhaustion",
  title: "Connections exhausted: max number of clients reached",
  summary:
    "Every connection counts against maxclients, however idle. Oversized pools multiplied by replicas of the application, plus scripts and tools that never close their connections, fill the server; from then on every new connection gets \"ERR max number of clients reached\" while existing ones keep working. New application instances, failovers and the dashboard's own new connections all fail.",
  severityHint: "critical",
  symptoms: [
    { text: "Applications cannot get a connection; Redis answers \"ERR max number of clients reached\"", findingCodes: ["clients.refused", "clients.rejecting"], metric: "clients.rejected_per_sec" },
    { text: "connected_clients sits at or near maxclients", findingCodes: ["clients.near-maxclients"], metric: "clients.connected_pct_of_max" },
    { text: "Many connections have been idle for hours", findingCodes: ["clients.idle-many"], metric: "clients.connected" },
    { text: "Existing connections keep working normally" },
  ],
  investigation: [
    {
      id: "clients",
      title: "Who holds the connections, and how long they sit idle",
      probe: "clients",
      params: { limit: 2000 },
      why: "CLIENT LIST grouped by host, client name and library shows which application or tool holds the connections; idle times are compared as numbers, so an hours-idle connection is never missed. Redline's own two connections are left out, and it keeps them open from registration so it can still look when the server is full.",
      redisCli: "redis-cli CLIENT LIST | awk '{ for (i = 1; i <= NF; i++) { split($i, kv, \"=\"); f[kv[1]] = kv[2] } if (f[\"idle\"] + 0 >= 3600) print f[\"id\"], f[\"addr\"], f[\"name\"], f[\"idle\"] }'   # numeric idle ≥ 1 h",
      charts: ["clients.connected", "clients.connected_pct_of_max", "clients.rejected_per_sec"],
      interpret: {
        confirms: ["clients.near-maxclients", "clients.rejected", "clients.idle-many"],
        meaning:
          "One host or client name with a large share: its pool is too big or leaking. Hundreds of connections idle for more than the pools' idle timeout: connections that are never closed. cmd= shows what each did last.",
      },
    },
    {
      id: "budget",
      title: "Add up the connections the deployment is allowed to open",
      probe: "connection-budget",
      params: {},
      why: "Σ(application instances × pool maximum) + replicas + Sentinels + exporters + an operations reserve must stay under maxclients with headroom; the calculator compares that sum with maxclients.",
      redisCli: "redis-cli CONFIG GET maxclients && redis-cli INFO clients",
      charts: ["clients.connected_pct_of_max"],
      interpret: { confirms: ["clients.budget-exceeded"], meaning: "Budget above maxclients: the next scale-out or failover will refuse connections again, even after cleaning up idle ones." },
    },
    {
      id: "settings",
      title: "Check the idle timeout and keepalive",
      probe: "config-audit",
      params: {},
      why: "timeout 0 (the default) never closes idle connections, so a leak grows until maxclients; tcp-keepalive finds peers that vanished without closing.",
      redisCli: "redis-cli CONFIG GET timeout && redis-cli CONFIG GET tcp-keepalive && redis-cli CONFIG GET maxclients",
      charts: [],
      interpret: { confirms: ["config.timeout-not-recommended", "config.maxclients-not-recommended", "config.tcp-keepalive-not-recommended"], meaning: "timeout 0 with many idle connections: set an idle timeout above the pools' own idle eviction." },
    },
  ],
  rootCauses: [
    {
      id: "pools-too-big",
      title: "Connection pools sized larger than the server allows",
      explanation: "Each application instance may open its pool maximum; scaling out multiplies it. The sum of all pools passes maxclients without any single pool looking large.",
      confirmedBy: ["clients.budget-exceeded", "clients.near-maxclients", "clients.refused"],
    },
    {
      id: "leaked-connections",
      title: "Connections opened and never closed",
      explanation: "Scripts and tools that exit without closing, or code that opens a connection per request, leave connections idle forever when timeout is 0.",
      confirmedBy: ["clients.idle-many", "config.timeout-not-recommended"],
    },
    {
      id: "maxclients-low",
      title: "maxclients (or the file-descriptor limit) too low for the deployment",
      explanation: "Redis caps maxclients to what the process's file-descriptor limit allows; a low ulimit in a container silently lowers it.",
      confirmedBy: ["clients.rejected", "config.maxclients-not-recommended"],
    },
  ],
  fixes: [
    {
      id: "kill-idle",
      suggest: suggestIdleConnections,
      title: "Close the listed idle connections (CLIENT KILL ID, one by one)",
      risk: "destructive",
      argv: ["CLIENT", "KILL", "ID", "{id}"],
      forEach: "connections",
      params: z
        .object({
          connections: z
            .array(z.object({ node: z.string().min(3), id: z.number().int().positive() }).strict())
            .min(1)
            .max(1000)
            .describe("Connections to close: idle at least the chosen time (Redline's own, replicas, subscribers and blocked clients are never listed)"),
          minIdleSeconds: z.number().int().min(10).describe("Idle at least (seconds): the list is built with it, and the audit log keeps it"),
        })
        .strict(),
      reservedConnection: true,
      preview:
        "CLIENT KILL ID <id> for each of the listed connections, on the node it lives on: exactly these connections are closed, no others, and Redline's own connections are never in the list. A pool that still owns one sees a dropped connection and opens a new one when it needs it. Each kill frees one slot under maxclients.",
      dataCost: "No stored data. A command in flight on a killed connection fails; transactions (MULTI) in progress on it are discarded.",
      verify: { probe: "clients", params: { limit: 200 }, expect: { absent: ["clients.near-maxclients"] }, redisCli: "redis-cli INFO clients | grep connected_clients" },
    },
    {
      id: "kill-maxage",
      title: "Redis ≥ 7.4: close connections older than an age in one command",
      risk: "destructive",
      params: z.object({}).strict(),
      minVersion: "7.4.0",
      preview:
        "Not run by Redline: CLIENT KILL MAXAGE selects by connection age (time since connect), not idle time, and would also close Redline's own probe connection, which a full server may refuse to let back in. Use the ID list above from Redline; this is for a terminal.",
      dataCost: "Every connection older than the age, busy or not, including healthy pooled ones.",
      verify: { probe: "clients", params: { limit: 200 }, expect: { absent: ["clients.near-maxclients"] } },
      manual: {
        instructions: "On Redis 7.4 or later only. It kills by age, so pick an age older than any connection you want to keep, and expect well-behaved pools to reconnect.",
        copyable: "redis-cli CLIENT KILL MAXAGE 86400 SKIPME yes",
      },
    },
    {
      id: "idle-timeout",
      title: "Close connections idle longer than a timeout",
      risk: "config",
      argv: ["CONFIG", "SET", "timeout", "{seconds}"],
      params: z.object({ seconds: z.number().int().min(60).max(86_400).default(300).describe("Idle seconds after which Redis closes a connection") }).strict(),
      preview:
        "CONFIG SET timeout {seconds}: from now on Redis closes any normal client connection idle for more than {seconds} s (replicas, subscribers and blocked clients are exempt). Pools must validate or refresh connections idle that long; most do.",
      dataCost: "No data. Application pools whose idle connections outlive {seconds} s see them closed and reconnect.",
      verify: { probe: "config-audit", params: {}, expect: { absent: ["config.timeout-not-recommended"] }, redisCli: "redis-cli CONFIG GET timeout" },
    },
    {
      id: "raise-maxclients",
      suggest: suggestMaxclients,
      title: "Raise maxclients (buys time, fixes nothing)",
      risk: "config",
      argv: ["CONFIG", "SET", "maxclients", "{max}"],
      params: z.object({ max: z.number().int().min(100).max(1_000_000) }).strict(),
      preview:
        "CONFIG SET maxclients {max}: allows up to {max} connections at once. Redis refuses the change if the process's file-descriptor limit is too low for it. Each connection costs memory (buffers), so check memory headroom first.",
      dataCost: "No data. Memory: roughly tens of KB per additional connection, more with large buffers.",
      verify: { probe: "clients", params: { limit: 200 }, expect: { absent: ["clients.near-maxclients"] }, redisCli: "redis-cli CONFIG GET maxclients" },
    },
    {
      id: "fix-pools",
      title: "Size the pools to a connection budget (application change)",
      risk: "read",
      params: z.object({}).strict(),
      preview: "Nothing is sent to Redis: pool sizes and connection handling live in the applications and scripts.",
      verify: { probe: "connection-budget", params: {}, expect: { absent: ["clients.budget-exceeded"] } },
      manual: {
        instructions:
          "Budget = Σ(instances × pool maximum) + replicas + Sentinels (2 each) + exporters + an operations reserve; keep it under 80 % of maxclients. Size each pool from its real concurrency, give it a minimum idle and an idle eviction shorter than Redis's timeout, and make scripts close their connections.",
        checklist: ["Every pool's maximum justified by load", "Budget below 80 % of maxclients", "Scripts close connections (or use redis-cli)", "Pool idle eviction < Redis timeout"],
        copyable: "# JedisPool example\nconfig.setMaxTotal(50);\nconfig.setMinIdle(5);\nconfig.setTestWhileIdle(true);\nconfig.setMinEvictableIdleTime(Duration.ofMinutes(4)); // below Redis timeout 300 s",
      },
    },
  ],
  prevention: {
    configChecks: [auditCheck("maxclients"), auditCheck("timeout"), auditCheck("tcp-keepalive")],
    alertRules: ["clients-warning", "clients-critical", "clients-rejected", "clients-rejecting"],
    practices: [
      "Keep a written connection budget per instance and check it before every scale-out",
      "Give each application its own client name (CLIENT SETNAME) so CLIENT LIST shows who holds what",
      "Set an idle timeout instead of timeout 0",
      "Keep the dashboard's connection open at all times: at maxclients nobody new gets in",
    ],
  },
  detect: detectConnectionExhaustion,
});
