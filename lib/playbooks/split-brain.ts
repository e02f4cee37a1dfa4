// Playbook: a partitioned master keeps taking writes while the majority promotes its replica (incident 5).
import { z } from "zod";
import { detectSplitBrain } from "@/lib/triage/detectors/split-brain";
import { auditCheck } from "./config-checks";
import { definePlaybook } from "./schema";

export const splitBrainPlaybook = definePlaybook({
  id: "split-brain",
  title: "Split brain: two masters for the same data",
  summary:
    "A network partition cuts a master off from the rest of the cluster while its clients can still reach it. The majority promotes the master's replica; for a while both accept writes for the same slots. When the partition heals, the old master becomes a replica and resynchronizes from the new one, silently dropping everything it accepted in between.",
  severityHint: "critical",
  symptoms: [
    { text: "Records written around a network incident are missing, or exist twice with different values", findingCodes: ["server.role-change"] },
    { text: "Different nodes name different masters for the same slots", findingCodes: ["cluster.slot-conflict", "cluster.views-disagree"] },
    { text: "Nodes marked failing (fail? / fail) and a replica promoted", findingCodes: ["cluster.node-suspected", "cluster.node-failed", "server.failover"] },
    { text: "The cluster reports cluster_state:fail, or clients get CLUSTERDOWN", findingCodes: ["cluster.state-fail", "cluster.clusterdown-replies"] },
  ],
  investigation: [
    {
      id: "views",
      title: "Compare CLUSTER NODES from every node",
      probe: "cluster",
      params: {},
      why: "Each node has its own view of who owns which slots. A split shows only when the views are compared: two nodes each claiming the same slots as master, each believed by part of the cluster. One node's view (what cluster_state:ok is based on) can look perfectly healthy.",
      redisCli: "for n in host1:port host2:port host3:port; do redis-cli -h ${n%:*} -p ${n#*:} CLUSTER NODES; done   # compare the master of each slot range",
      charts: [],
      interpret: {
        confirms: ["cluster.slot-conflict", "cluster.views-disagree", "cluster.node-failed", "cluster.node-suspected", "cluster.state-fail"],
        meaning:
          "Slots claimed by two masters: the split is happening now; fence the old master before anything else. Views agree again but a failover and a master demoted without restarting are in the timeline: the split happened and writes to the old master during it are lost.",
      },
    },
    {
      id: "replication",
      title: "Who is master now, and which node was demoted",
      probe: "replication",
      params: { sampleMs: 1000 },
      why: "Roles, replication ids and offsets show which node took over and which one rejoined as a replica with a full resync: that node's writes from the partition window were overwritten.",
      redisCli: "redis-cli -h <node> INFO replication   # role, master_host, master_replid, sync_full",
      charts: ["replication.sync_full"],
      interpret: {
        confirms: ["replication.full-sync", "replication.link-down"],
        meaning: "The former master now a replica after a full sync: whatever it accepted while cut off is gone from Redis and has to be recovered from the application side.",
      },
    },
    {
      id: "fencing-settings",
      title: "Check the three settings that bound the dual-write window",
      probe: "config-audit",
      params: {},
      why: "In a cluster, a master that cannot see the majority stops accepting writes only after cluster-node-timeout. min-replicas-to-write with min-replicas-max-lag makes a master refuse writes sooner when no replica has acknowledged recently. Read all three together: each bounds the window only with the others.",
      redisCli: "redis-cli CONFIG GET cluster-node-timeout && redis-cli CONFIG GET min-replicas-to-write && redis-cli CONFIG GET min-replicas-max-lag",
      charts: [],
      interpret: {
        confirms: ["config.min-replicas-to-write-not-recommended", "config.cluster-node-timeout-not-recommended"],
        meaning: "min-replicas-to-write 0 on masters with replicas: an isolated master accepts writes for the full cluster-node-timeout (and with Sentinel, until it is demoted). A long node timeout widens the window.",
      },
    },
  ],
  rootCauses: [
    {
      id: "partitioned-master-kept-writing",
      title: "An isolated master kept accepting writes until the node timeout",
      explanation:
        "The master could reach its clients but not the other masters. The majority failed it over after cluster-node-timeout; the old master kept writing for up to that long, and longer without write fencing. On rejoin it resynchronized from the new master and its writes were discarded.",
      confirmedBy: ["cluster.slot-conflict", "server.role-change", "cluster.master-demoted", "cluster.clusterdown-replies"],
    },
    {
      id: "no-write-fencing",
      title: "No write fencing on masters",
      explanation: "With min-replicas-to-write 0 nothing makes a master without reachable replicas stop accepting writes early.",
      confirmedBy: ["config.min-replicas-to-write-not-recommended"],
    },
    {
      id: "flapping-network",
      title: "An unstable network between nodes",
      explanation: "Nodes repeatedly suspect each other (PFAIL) or fail each other; each episode is a chance for a split.",
      confirmedBy: ["cluster.node-suspected", "cluster.node-failed", "cluster.state-fail"],
    },
  ],
  fixes: [
    {
      id: "fence-old-master",
      title: "Stop writes on the isolated master now",
      risk: "destructive",
      argv: ["CLIENT", "PAUSE", "{ms}", "WRITE"],
      params: z
        .object({
          node: z.string().min(3).describe("The isolated master's address (host:port), from the cluster views"),
          ms: z.number().int().min(1_000).max(600_000).default(60_000).describe("How long writes are held"),
        })
        .strict(),
      reservedConnection: true,
      minVersion: "6.2.0",
      preview:
        "CLIENT PAUSE {ms} WRITE on {node}: for {ms} ms that node holds every write command (reads still answer), so no more writes land on the side that will lose them. Writers wait or time out. CLIENT UNPAUSE ends it early.",
      dataCost: "No data is lost by the pause itself; writes sent to {node} during it wait and may time out in the application.",
      verify: { probe: "cluster", params: {}, expect: { absent: ["cluster.slot-conflict"] }, redisCli: "redis-cli -h <node> CLUSTER NODES" },
      when: { anyOf: ["cluster.slot-conflict", "cluster.views-disagree"] },
    },
    {
      id: "write-fencing",
      title: "Refuse writes on masters that lost their replicas",
      risk: "config",
      argv: ["CONFIG", "SET", "min-replicas-to-write", "{replicas}", "min-replicas-max-lag", "{lagSeconds}"],
      target: "every-master",
      params: z
        .object({
          replicas: z.number().int().min(1).max(5).default(1),
          lagSeconds: z.number().int().min(1).max(60).default(10),
        })
        .strict(),
      minVersion: "7.0.0",
      preview:
        "CONFIG SET min-replicas-to-write {replicas} min-replicas-max-lag {lagSeconds} on every master (one command sets both from Redis 7.0): a master answers writes with NOREPLICAS when fewer than {replicas} replica(s) acknowledged within {lagSeconds} s. An isolated master then stops taking writes after about {lagSeconds} s instead of the whole node timeout.",
      dataCost: "No data. Availability: a master whose replica is down refuses writes until it is back.",
      verify: { probe: "config-audit", params: {}, expect: { absent: ["config.min-replicas-to-write-not-recommended"] }, redisCli: "redis-cli CONFIG GET min-replicas-to-write" },
    },
    {
      id: "node-timeout",
      title: "Shorten cluster-node-timeout",
      risk: "config",
      argv: ["CONFIG", "SET", "cluster-node-timeout", "{ms}"],
      target: "every-node",
      params: z.object({ ms: z.number().int().min(1_000).max(60_000).default(15_000) }).strict(),
      preview: "CONFIG SET cluster-node-timeout {ms} on every node: a master cut off from the majority stops accepting writes after {ms} ms, and failovers start sooner. Too short, and brief network hiccups cause needless failovers.",
      verify: { probe: "config-audit", params: {}, expect: { absent: ["config.cluster-node-timeout-not-recommended"] }, redisCli: "redis-cli CONFIG GET cluster-node-timeout" },
      when: { anyOf: ["config.cluster-node-timeout-not-recommended"] },
    },
    {
      id: "reconcile",
      title: "Recover the writes lost on the demoted master",
      risk: "read",
      params: z.object({}).strict(),
      preview: "Nothing is sent to Redis: the lost writes are no longer in Redis and must be rebuilt from the application side.",
      verify: { probe: "cluster", params: {}, expect: { absent: ["cluster.slot-conflict", "cluster.views-disagree"] } },
      manual: {
        instructions:
          "Take the partition window from the failover and role-change markers. Find the writes the applications sent to the old master in that window (application logs, the system of record, message queues) and replay or reconcile them against the new master. Make critical writes wait for replica acknowledgement (WAIT 1 <ms>) and make their handlers idempotent.",
        checklist: ["Partition window identified (start: isolation, end: demotion)", "Affected keys listed from application logs", "Writes replayed or reconciled", "Critical writes use WAIT and idempotent ids"],
        copyable: "SET order:<id> <value>\nWAIT 1 1000   # 1 = at least one replica acknowledged within 1000 ms",
      },
    },
  ],
  prevention: {
    configChecks: [auditCheck("cluster-node-timeout"), auditCheck("min-replicas-to-write"), auditCheck("min-replicas-max-lag")],
    alertRules: ["cluster-slot-conflict", "cluster-state", "cluster-slots-pfail", "cluster-slots-fail"],
    practices: [
      "Set min-replicas-to-write and min-replicas-max-lag on every master, together with a deliberate cluster-node-timeout",
      "Use WAIT for writes that must not be lost, and idempotent handlers so they can be replayed",
      "Use cluster-aware clients that refresh the slot map on MOVED and on reconnect",
      "Watch inter-node latency and packet loss; alert when nodes start suspecting each other",
    ],
  },
  detect: detectSplitBrain,
});
