// Playbook: after a rollout Redis comes back empty, because it was a Deployment on a shared or empty
// volume (incident 10). Kubernetes is invisible from Redis; the restart with an empty keyspace is not.
import { z } from "zod";
import { detectK8sDataLoss } from "@/lib/triage/detectors/k8s-data-loss";
import { auditCheck, check } from "./config-checks";
import { definePlaybook } from "./schema";

const STATEFULSET = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: redis
spec:
  serviceName: redis            # a headless Service gives each pod a stable name
  replicas: 1
  selector:
    matchLabels: { app: redis }
  template:
    metadata:
      labels: { app: redis }
    spec:
      terminationGracePeriodSeconds: 60   # time for the final save on SIGTERM
      containers:
        - name: redis
          image: redis:7.2
          args: ["--dir", "/data", "--appendonly", "yes", "--save", "3600 1 300 100 60 10000"]
          volumeMounts:
            - { name: data, mountPath: /data }
  volumeClaimTemplates:         # one claim per pod, re-attached to the same pod on every restart
    - metadata: { name: data }
      spec:
        accessModes: ["ReadWriteOnce"]
        resources: { requests: { storage: 20Gi } }`;

export const k8sDataLossPlaybook = definePlaybook({
  id: "k8s-data-loss",
  title: "Restarted empty: data lost in a Kubernetes rollout",
  summary:
    "Redis ran as a Deployment with a statically named volume claim (or on an emptyDir). A rollout started the new pod before the old one released the volume, or on a fresh volume; Redis started with nothing to load, and its first save could even overwrite the old file. From Redis's side this is a restart with a new run_id, uptime near zero, nothing loaded and an empty keyspace; applications then miss every read and fall through to the database.",
  severityHint: "critical",
  symptoms: [
    { text: "All cached data is gone right after a rollout or pod restart", findingCodes: ["server.restarted-empty", "restart.empty-keyspace"], metric: "keyspace.keys" },
    { text: "Almost every read misses; the database behind the cache is flooded", findingCodes: ["keyspace.misses-dominate"], metric: "keyspace.hit_ratio" },
    { text: "A restart marker on the charts: new run_id, uptime reset", findingCodes: ["restart.recent"] },
    { text: "Persistence looked enabled, yet nothing was loaded at startup (rdb_last_load_keys_loaded:0)", findingCodes: ["restart.nothing-loaded", "persistence.disabled"] },
  ],
  investigation: [
    {
      id: "restart-history",
      title: "Confirm the restart and what was lost",
      probe: "restart-history",
      params: {},
      why: "The sampler remembers each node's run_id and key count: a new run_id with far fewer keys is the loss, timestamped. On a single look, uptime, rdb_last_load_keys_loaded and the keyspace tell whether the server started with nothing to load.",
      redisCli: "redis-cli INFO server | grep -E 'run_id|uptime_in_seconds' && redis-cli INFO persistence | grep rdb_last_load_keys_loaded && redis-cli INFO keyspace",
      charts: ["keyspace.keys", "keyspace.hit_ratio"],
      interpret: {
        confirms: ["server.restarted-empty", "restart.empty-keyspace", "restart.recent"],
        meaning:
          "Keys before → after near zero at the restart time: data lost on restart. rdb_last_load_keys_loaded:0 with persistence configured means the data directory was empty or not the one written before: a different volume.",
      },
    },
    {
      id: "persistence",
      title: "Show where Redis saves and whether it saves at all",
      probe: "persistence",
      params: {},
      why: "save points, appendonly and dir decide what a restart can load. No persistence: the loss was certain. Persistence on: the volume behind dir was not the old one.",
      redisCli: "redis-cli CONFIG GET save && redis-cli CONFIG GET appendonly && redis-cli CONFIG GET dir && redis-cli INFO persistence | grep rdb_last_save_time",
      charts: [],
      interpret: { confirms: ["persistence.disabled"], meaning: "persistence.disabled: nothing could survive any restart. Otherwise compare dir with the volume mount in the pod spec." },
    },
    {
      id: "keyspace",
      title: "Measure the impact on clients",
      probe: "keyspace",
      params: {},
      why: "The hit ratio since the restart shows how much traffic now falls through to the database, which decides how urgently to throttle or warm the cache.",
      redisCli: "redis-cli INFO stats | grep -E 'keyspace_(hits|misses)'",
      charts: ["keyspace.hit_ratio", "ops.per_sec"],
      interpret: { confirms: ["keyspace.misses-dominate"], meaning: "Misses far above hits: the database carries the whole read load until the cache is refilled." },
    },
    {
      id: "kubernetes",
      title: "Check the workload kind and the volume (in Kubernetes)",
      probe: "server-snapshot",
      params: {},
      why: "Redis shows its own side (uptime, run_id, role); only Kubernetes shows whether Redis is a Deployment with a fixed claimName (shared between old and new pod during a rollout) or a StatefulSet with a volumeClaimTemplate per pod.",
      redisCli: "kubectl get deploy,sts -n <ns> -l app=redis && kubectl get pod <pod> -n <ns> -o jsonpath='{.spec.volumes}'",
      charts: [],
      interpret: { meaning: "A Deployment with persistentVolumeClaim.claimName or an emptyDir for /data: the rollout could start Redis on an empty directory. Move to a StatefulSet." },
    },
  ],
  rootCauses: [
    {
      id: "deployment-shared-claim",
      title: "Redis ran as a Deployment with a statically named volume",
      explanation:
        "A Deployment rollout starts the new pod before the old one stops. With a ReadWriteOnce claim named in the pod template, the new pod can start against an empty or different directory, and Redis initializes empty; a later save can overwrite the good file.",
      confirmedBy: ["server.restarted-empty", "restart.empty-keyspace", "restart.nothing-loaded"],
      ruledOutBy: ["persistence.disabled"],
    },
    {
      id: "no-persistence",
      title: "Persistence was off",
      explanation: "Without save points or AOF, every restart starts empty, whatever the workload kind.",
      confirmedBy: ["persistence.disabled"],
    },
    {
      id: "ephemeral-dir",
      title: "dir on ephemeral storage",
      explanation: "RDB/AOF were written to the container's filesystem or an emptyDir, which disappears with the pod.",
      confirmedBy: ["restart.empty-keyspace", "restart.nothing-loaded"],
    },
  ],
  fixes: [
    {
      id: "restore-backup",
      title: "Restore the latest backup",
      risk: "destructive",
      params: z.object({}).strict(),
      preview: "Nothing is sent by Redline: the RDB is copied into the data directory while Redis is stopped, then Redis is started.",
      dataCost: "Writes since the backup was taken, and everything written to the empty server since the restart (it is replaced).",
      verify: { probe: "restart-history", params: {}, expect: { absent: ["restart.empty-keyspace", "server.restarted-empty"] }, redisCli: "redis-cli INFO keyspace && redis-cli INFO persistence | grep rdb_last_load_keys_loaded" },
      manual: {
        instructions:
          "Stop Redis (scale to 0), copy the newest good dump.rdb into dir under the name in dbfilename, and start it. With appendonly yes Redis loads the AOF, not the RDB: start once with appendonly no to load the RDB, then CONFIG SET appendonly yes to write a fresh AOF from it.",
        checklist: ["Backup chosen and its age known", "Redis stopped before copying", "appendonly handled (load RDB first, then enable AOF)", "Key count checked after start"],
        copyable: "kubectl scale deploy/redis -n <ns> --replicas=0\nkubectl cp dump.rdb <ns>/<helper-pod>:/data/dump.rdb\nkubectl scale deploy/redis -n <ns> --replicas=1\nredis-cli INFO keyspace",
      },
    },
    {
      id: "statefulset",
      title: "Move Redis to a StatefulSet with volumeClaimTemplates",
      risk: "read",
      params: z.object({}).strict(),
      preview: "Nothing is sent to Redis: this changes the Kubernetes workload.",
      verify: { probe: "persistence", params: {}, expect: { absent: ["persistence.disabled"] } },
      manual: {
        instructions:
          "Replace the Deployment with a StatefulSet: a headless Service, volumeClaimTemplates instead of a claimName in the pod template, and a grace period long enough for the final save. Each pod then gets its own claim, re-attached to it on every restart, and the new pod starts only after the old one stopped.",
        checklist: ["Headless Service created", "StatefulSet with volumeClaimTemplates applied", "Data copied to the new claim (or restored from backup)", "Deployment deleted", "CI rejects Redis Deployments"],
        copyable: STATEFULSET,
      },
    },
    {
      id: "enable-aof",
      title: "Turn on AOF persistence now",
      risk: "config",
      argv: ["CONFIG", "SET", "appendonly", "yes"],
      params: z.object({}).strict(),
      preview: "CONFIG SET appendonly yes: Redis forks to write an AOF of the current data and then appends every write to it (fsync every second by default). Takes effect at once; add it to the config or manifest to keep it.",
      dataCost: "No data; a fork and disk I/O for the first AOF.",
      verify: { probe: "persistence", params: {}, expect: { absent: ["persistence.disabled"] }, redisCli: "redis-cli CONFIG GET appendonly" },
      when: { anyOf: ["persistence.disabled"] },
    },
    {
      id: "enable-rdb",
      title: "Turn on RDB snapshots now",
      risk: "config",
      argv: ["CONFIG", "SET", "save", "{savePoints}"],
      params: z
        .object({ savePoints: z.string().regex(/^\d+ \d+( \d+ \d+)*$/, "Pairs of <seconds> <changes>").default("3600 1 300 100 60 10000") })
        .strict(),
      preview: "CONFIG SET save \"{savePoints}\": Redis snapshots to dir after each <seconds> once at least <changes> writes happened.",
      dataCost: "No data; periodic forks and disk writes.",
      verify: { probe: "persistence", params: {}, expect: { absent: ["persistence.disabled"] }, redisCli: "redis-cli CONFIG GET save" },
      when: { anyOf: ["persistence.disabled"] },
    },
  ],
  prevention: {
    configChecks: [
      auditCheck("appendonly"),
      check("save", "save points set (e.g. 3600 1 300 100 60 10000) where data must survive a restart", "Without them and without AOF, every restart starts empty"),
      check("dir", "a path on the pod's persistent volume", "Files written elsewhere disappear with the pod"),
    ],
    alertRules: ["restart-empty"],
    practices: [
      "Run Redis as a StatefulSet with volumeClaimTemplates; reject Redis Deployments in CI or with an admission policy",
      "Back up RDB files off the cluster and test restores regularly",
      "Alert on a restart that lost most keys, and on the hit ratio collapsing",
      "Warm the cache from the database before sending traffic to an empty Redis",
    ],
  },
  detect: detectK8sDataLoss,
});
