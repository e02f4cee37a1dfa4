// Probe: role, offsets and links of every node, each replica's gap against the backlog, and the write
// rate measured as Δmaster_repl_offset/Δt, from which follows how long an outage the backlog absorbs.
import "server-only";
import { z } from "zod";
import { infoNumber, infoString, parseInfo, type InfoSnapshot } from "@/lib/parse/info";
import type { Finding } from "./finding";
import { defineProbe } from "./probe";
import { atNode, infoSignals, mergeByCode, ruleFindings } from "./probe-findings";
import { readInfo, sleep, throwIfAllFailed } from "./probe-support";
import { backlogCoverageSeconds, replicaGaps, writeRate, type ReplicaGapRow } from "./replication-math";

/** Time kept back from the probe's deadline for the second sample and the reply. */
const DEADLINE_MARGIN_MS = 500;
/** A shorter window says more about timer jitter than about the write rate. */
const MIN_WINDOW_MS = 50;

export interface ReplicationNodeRow {
  node: string;
  role: string | null;
  masterReplOffset: number | null;
  replBacklogActive: boolean | null;
  replBacklogSize: number | null;
  replBacklogHistlen: number | null;
  /** Bytes/s of replication stream, Δmaster_repl_offset/Δt over `sampledMs`. */
  writeRateBytesPerSec: number | null;
  sampledMs: number | null;
  /** repl_backlog_size / write rate; null when nothing is written (the backlog never runs out). */
  backlogCoversSeconds: number | null;
  connectedReplicas: number | null;
  syncFull: number | null;
  syncPartialOk: number | null;
  syncPartialErr: number | null;
  /** Replica side. */
  master: string | null;
  masterLinkStatus: string | null;
  masterLastIoSecondsAgo: number | null;
  masterLinkDownSinceSeconds: number | null;
  error?: { code: string; message: string };
}

export interface ReplicationData {
  summary: { nodes: number; masters: number; replicas: number; replicaLinks: number; worstGapPctOfBacklog: number | null; maxWriteRateBytesPerSec: number | null; minBacklogCoversSeconds: number | null };
  rows: ReplicationNodeRow[];
  /** One row per replica a master reports. */
  replicas: ReplicaGapRow[];
}

const orNull = (v: number | undefined) => v ?? null;

function nodeRow(node: string, info: InfoSnapshot, rate: number | null, sampledMs: number | null): ReplicationNodeRow {
  const n = (f: string) => orNull(infoNumber(info, f));
  const role = infoString(info, "role") ?? null;
  const backlog = n("repl_backlog_size");
  const masterHost = infoString(info, "master_host");
  const active = infoString(info, "repl_backlog_active");
  return {
    node,
    role,
    masterReplOffset: n("master_repl_offset"),
    replBacklogActive: active === undefined ? null : active === "1",
    replBacklogSize: backlog,
    replBacklogHistlen: n("repl_backlog_histlen"),
    writeRateBytesPerSec: rate,
    sampledMs,
    backlogCoversSeconds: backlog === null ? null : backlogCoverageSeconds(backlog, rate),
    connectedReplicas: n("connected_slaves"),
    syncFull: n("sync_full"),
    syncPartialOk: n("sync_partial_ok"),
    syncPartialErr: n("sync_partial_err"),
    master: masterHost ? `${masterHost}:${infoString(info, "master_port") ?? ""}` : null,
    masterLinkStatus: infoString(info, "master_link_status") ?? null,
    masterLastIoSecondsAgo: n("master_last_io_seconds_ago"),
    masterLinkDownSinceSeconds: n("master_link_down_since_seconds"),
  };
}

function nodeFindings(row: ReplicationNodeRow, info: InfoSnapshot): Finding[] {
  const evidence: Finding["evidence"] = {};
  if (row.role === "slave" && row.masterLinkDownSinceSeconds !== null) evidence.masterLinkDownSinceSeconds = row.masterLinkDownSinceSeconds;
  const signals = infoSignals(info);
  const findings = ruleFindings(
    ["replication.gap-near-backlog", "replication.replica-not-online", "replication.partial-sync-failed", "replication.full-sync-repeated", "replication.link-down"],
    signals,
    evidence,
  );
  // The coverage threshold lives in the rule table (rule backlog-covers-short); this probe measures
  // the write rate over its own window, the sampler over the last minute.
  if (row.role === "master" && row.backlogCoversSeconds !== null) {
    findings.push(
      ...ruleFindings(["replication.backlog-covers-short"], { ...signals, "replication.backlog_coverage_seconds": row.backlogCoversSeconds }, {
        writeRateBytesPerSec: row.writeRateBytesPerSec ?? 0,
        replBacklogSize: row.replBacklogSize ?? 0,
      }),
    );
  }
  return atNode(findings, row.node);
}

export const replicationProbe = defineProbe({
  id: "replication",
  title: "Replication",
  description: "Replica gaps against the backlog, link health, resync counters and the measured write rate the backlog must absorb.",
  cost: "sampling",
  redisCli: "redis-cli INFO replication; sleep 1; redis-cli INFO replication   # Δmaster_repl_offset / Δt = write rate",
  params: z
    .object({ sampleMs: z.number().int().min(100).max(5_000).default(1_000).describe("Window over which the write rate is measured") })
    .strict(),
  async run(ctx, params) {
    const window = Math.min(params.sampleMs, ctx.deadline - Date.now() - DEADLINE_MARGIN_MS);
    const outcomes = await ctx.forEachNode(async (runner, node) => {
      const first = await readInfo(runner, ["replication", "stats"]);
      const at0 = performance.now();
      let info = first;
      let rate: number | null = null;
      let sampledMs: number | null = null;
      if (window >= MIN_WINDOW_MS) {
        await sleep(window, ctx.signal);
        const second = await readInfo(runner, ["replication", "stats"]);
        const at1 = performance.now();
        const o0 = infoNumber(first, "master_repl_offset");
        const o1 = infoNumber(second, "master_repl_offset");
        sampledMs = Math.round(at1 - at0);
        if (o0 !== undefined && o1 !== undefined) rate = writeRate(o0, at0, o1, at1);
        info = second;
      }
      const row = nodeRow(node.address, info, rate, sampledMs);
      const gaps = row.role === "master" ? replicaGaps(node.address, row.masterReplOffset ?? 0, row.replBacklogSize ?? undefined, info.replicas) : [];
      return { row, gaps, findings: nodeFindings(row, info) };
    });
    throwIfAllFailed(outcomes);

    const rows = outcomes.map((o) => o.value?.row ?? { ...nodeRow(o.node.address, parseInfo(""), null, null), error: o.error });
    const replicas = outcomes.flatMap((o) => o.value?.gaps ?? []);
    const pick = (values: Array<number | null>, f: (...v: number[]) => number) => {
      const known = values.filter((v): v is number => v !== null);
      return known.length ? f(...known) : null;
    };
    const data: ReplicationData = {
      summary: {
        nodes: rows.length,
        masters: rows.filter((r) => r.role === "master").length,
        replicas: rows.filter((r) => r.role === "slave").length,
        replicaLinks: replicas.length,
        worstGapPctOfBacklog: pick(replicas.map((g) => g.gapPctOfBacklog), Math.max),
        maxWriteRateBytesPerSec: pick(rows.map((r) => r.writeRateBytesPerSec), Math.max),
        minBacklogCoversSeconds: pick(rows.map((r) => r.backlogCoversSeconds), Math.min),
      },
      rows,
      replicas,
    };
    const partial = outcomes.some((o) => o.error) || window < params.sampleMs;
    return { data, findings: mergeByCode(outcomes.flatMap((o) => o.value?.findings ?? [])), partial };
  },
});
