// Pure part of the restart-history probe: the facts of the current run (run_id, uptime, keys, what
// the last load brought back) and the judgement CORRECTIONS #10 asks for: from Redis, a lost pod shows
// as a recent restart with an empty or much smaller keyspace and `rdb_last_load_keys_loaded:0`.
import { ruleHolds } from "@/lib/metrics/evaluate-rules";
import { infoNumber, infoString, type InfoSnapshot, type KeyspaceDb } from "@/lib/parse/info";
import type { Finding } from "./finding";
import { persistenceDisabled } from "./persistence-files";
import { ruleById, ruleFindings } from "./probe-findings";

export interface RestartFacts {
  runId: string | null;
  uptimeSeconds: number | null;
  /** Epoch ms the server started (now − uptime). */
  startedAt: number | null;
  keys: number;
  keyspace: KeyspaceDb[];
  /** Redis ≥ 7.0: keys the last RDB/AOF load brought back (and dropped as already expired); null before. */
  rdbLastLoadKeysLoaded: number | null;
  rdbLastLoadKeysExpired: number | null;
  loading: boolean | null;
  aofEnabled: boolean | null;
}

/** What the sampler saw before the restart (lib/metrics node history). */
export interface RestartHistory {
  /** Where it came from, shown with it. */
  source: string;
  /** When the sampler saw the run_id change. */
  restartAt: number | null;
  keysBefore: number | null;
  keysAfter: number | null;
  lostPct: number | null;
}

export function restartFacts(info: InfoSnapshot, nowMs: number): RestartFacts {
  const n = (f: string) => infoNumber(info, f) ?? null;
  const flag = (f: string) => (infoString(info, f) === undefined ? null : infoString(info, f) === "1");
  const uptime = n("uptime_in_seconds");
  return {
    runId: infoString(info, "run_id") ?? null,
    uptimeSeconds: uptime,
    startedAt: uptime === null ? null : nowMs - uptime * 1000,
    keys: info.keyspace.reduce((s, d) => s + d.keys, 0),
    keyspace: info.keyspace,
    rdbLastLoadKeysLoaded: n("rdb_last_load_keys_loaded"),
    rdbLastLoadKeysExpired: n("rdb_last_load_keys_expired"),
    loading: flag("loading"),
    aofEnabled: flag("aof_enabled"),
  };
}

/** The sampler notices a restart at its first tick after it; an event before this run belongs to an older one. */
const HISTORY_SLACK_MS = 5_000;

/** The history's restart event when it is the restart that began this run. */
export function thisRunsRestart(facts: RestartFacts, history: RestartHistory | undefined): RestartHistory | undefined {
  if (!history || history.restartAt === null || facts.startedAt === null) return undefined;
  return history.restartAt >= facts.startedAt - HISTORY_SLACK_MS ? history : undefined;
}

export interface RestartVerdict {
  recent: boolean;
  /** Empty now, or the sampler saw it lose at least rule restart-empty's share of its keys. */
  emptyOrSmaller: boolean;
  /** rdb_last_load_keys_loaded is 0 (or unknown before 7.0, and the keyspace is empty). */
  loadedNothing: boolean;
  /** The sampler saw it empty before the restart too: nothing was lost. */
  emptyBefore: boolean;
  restartedEmpty: boolean;
}

export function restartVerdict(facts: RestartFacts, history: RestartHistory | undefined): RestartVerdict {
  const recent = facts.uptimeSeconds !== null && ruleHolds(ruleById("restart-recent"), { "server.uptime_seconds": facts.uptimeSeconds });
  const event = thisRunsRestart(facts, history);
  const shrank = event?.lostPct != null && ruleHolds(ruleById("restart-empty"), { "server.restart_keys_lost_pct": event.lostPct });
  const emptyOrSmaller = facts.keys === 0 || shrank;
  const loadedNothing = facts.rdbLastLoadKeysLoaded === 0 || (facts.rdbLastLoadKeysLoaded === null && facts.keys === 0);
  const emptyBefore = event?.keysBefore === 0;
  return { recent, emptyOrSmaller, loadedNothing, emptyBefore, restartedEmpty: recent && emptyOrSmaller && loadedNothing && !emptyBefore };
}

export function restartFindings(node: string, facts: RestartFacts, verdict: RestartVerdict, history: RestartHistory | undefined, info: InfoSnapshot, config: Record<string, string>): Finding[] {
  const findings: Finding[] = [];
  const evidence: Finding["evidence"] = { node, runId: facts.runId ?? "unknown", keys: facts.keys };
  if (facts.uptimeSeconds !== null) findings.push(...ruleFindings(["restart.recent"], { "server.uptime_seconds": facts.uptimeSeconds }, evidence));
  const event = thisRunsRestart(facts, history);
  findings.push(
    ...ruleFindings(["restart.empty-keyspace"], { "server.restarted_empty": verdict.restartedEmpty ? 1 : 0 }, {
      ...evidence,
      uptimeSeconds: facts.uptimeSeconds ?? "unknown",
      rdbLastLoadKeysLoaded: facts.rdbLastLoadKeysLoaded ?? "unknown (Redis < 7.0)",
      keysBefore: event?.keysBefore ?? "unknown (no sampler history for this restart)",
    }),
  );
  if (persistenceDisabled(info.fields, config)) {
    findings.push({
      code: "persistence.disabled",
      severity: "warning",
      message: "No RDB save points and appendonly no: every restart starts empty, and there is no file to restore from",
      evidence: { node, save: config.save ?? "", appendonly: config.appendonly ?? "" },
    });
  }
  return findings;
}
