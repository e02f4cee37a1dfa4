// Probe: did the server restart, and did it come back with its data? run_id, uptime, keys per db,
// what the last load brought back, the persistence config, and the sampler's view from before the
// restart (CORRECTIONS #10). Optionally asks Kubernetes what owns the pod (StatefulSet or Deployment).
import "server-only";
import { z } from "zod";
import type { KeyspaceDb } from "@/lib/parse/info";
import type { Finding } from "./finding";
import { lookupK8sOwner } from "./k8s-lookup";
import type { K8sOwnerReport } from "./k8s-owner";
import { defineProbe } from "./probe";
import { atNode, mergeByCode } from "./probe-findings";
import { readConfig, readInfo, throwIfAllFailed } from "./probe-support";
import { restartFacts, restartFindings, restartVerdict, thisRunsRestart, type RestartFacts, type RestartHistory, type RestartVerdict } from "./restart-analysis";
import { restartHistorySource } from "./restart-history-source";

const CONFIG_NAMES = ["save", "appendonly", "dir", "appenddirname", "dbfilename"];

export interface RestartNodeRow extends Omit<RestartFacts, "keyspace"> {
  node: string;
  keyspace: KeyspaceDb[];
  persistence: { save: string | null; appendonly: string | null; dir: string | null; appenddirname: string | null; dbfilename: string | null; configError?: string };
  /** The sampler's record of this run's restart, or why there is none. */
  history: RestartHistory | { source: string; unavailable: string };
  verdict: RestartVerdict;
  /** What owns the pod with this node's IP, when REDLINE_K8S_API_URL is set. */
  kubernetes: K8sOwnerReport | null;
  error?: { code: string; message: string };
}

export interface RestartHistoryData {
  summary: { nodes: number; restartedRecently: number; restartedEmpty: number; minUptimeSeconds: number | null };
  rows: RestartNodeRow[];
}

export const restartHistoryProbe = defineProbe({
  id: "restart-history",
  title: "Restart history",
  description: "Whether the server restarted recently and came back empty: run_id, uptime, keys, what the last load restored, persistence config.",
  cost: "O(1)",
  redisCli: "redis-cli INFO server | grep -E 'run_id|uptime_in_seconds' && redis-cli INFO keyspace && redis-cli INFO persistence | grep rdb_last_load && redis-cli CONFIG GET save",
  params: z.object({}).strict(),
  async run(ctx) {
    const historyOf = restartHistorySource();
    const outcomes = await ctx.forEachNode(async (runner, node) => {
      const info = await readInfo(runner, ["server", "keyspace", "persistence"]);
      const { config, error: configError } = await readConfig(runner, CONFIG_NAMES);
      const facts = restartFacts(info, Date.now());
      const history = historyOf(ctx.instanceId, node.address);
      const verdict = restartVerdict(facts, history);
      const row: RestartNodeRow = {
        node: node.address,
        ...facts,
        persistence: {
          save: config.save ?? null,
          appendonly: config.appendonly ?? null,
          dir: config.dir ?? null,
          appenddirname: config.appenddirname ?? null,
          dbfilename: config.dbfilename ?? null,
          ...(configError ? { configError } : {}),
        },
        history: thisRunsRestart(facts, history) ?? history ?? { source: "sampler", unavailable: "The sampler has no history for this node in this process" },
        verdict,
        kubernetes: await lookupK8sOwner(node.host, ctx.signal),
      };
      const findings: Finding[] = restartFindings(node.address, facts, verdict, history, info, config);
      return { row, findings: atNode(findings, node.address) };
    });
    throwIfAllFailed(outcomes);

    const rows = outcomes.map(
      (o) =>
        o.value?.row ?? {
          node: o.node.address, runId: null, uptimeSeconds: null, startedAt: null, keys: 0, keyspace: [], rdbLastLoadKeysLoaded: null, rdbLastLoadKeysExpired: null,
          loading: null, aofEnabled: null, persistence: { save: null, appendonly: null, dir: null, appenddirname: null, dbfilename: null },
          history: { source: "sampler", unavailable: "node failed" }, verdict: { recent: false, emptyOrSmaller: false, loadedNothing: false, emptyBefore: false, restartedEmpty: false },
          kubernetes: null, error: o.error,
        },
    );
    const uptimes = rows.flatMap((r) => (r.uptimeSeconds === null ? [] : [r.uptimeSeconds]));
    const data: RestartHistoryData = {
      summary: {
        nodes: rows.length,
        restartedRecently: rows.filter((r) => r.verdict.recent).length,
        restartedEmpty: rows.filter((r) => r.verdict.restartedEmpty).length,
        minUptimeSeconds: uptimes.length ? Math.min(...uptimes) : null,
      },
      rows,
    };
    return { data, findings: mergeByCode(outcomes.flatMap((o) => o.value?.findings ?? [])), partial: outcomes.some((o) => o.error) };
  },
});
