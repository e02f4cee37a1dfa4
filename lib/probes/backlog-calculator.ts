// Probe: how big should repl-backlog-size be? Measures the write rate as Δmaster_repl_offset/Δt over
// a window (CORRECTIONS #2: not instantaneous_output_kbps), then recommends rate × tolerated outage
// × 2, with every input shown, and warns when the memory is not there to grow the backlog into.
import "server-only";
import { z } from "zod";
import { infoNumber, infoString, type InfoSnapshot } from "@/lib/parse/info";
import { backlogFindings, recommendBacklog, type BacklogRecommendation } from "./backlog-math";
import { defineProbe } from "./probe";
import { atNode, mergeByCode, ruleById } from "./probe-findings";
import { readInfo, sleep, throwIfAllFailed } from "./probe-support";
import { writeRate } from "./replication-math";

/** Time kept back from the probe's deadline for the second sample and the reply. */
const DEADLINE_MARGIN_MS = 500;
const SECTIONS = ["replication", "memory"];

export interface BacklogNodeRow {
  node: string;
  role: string | null;
  sampledMs: number | null;
  masterReplOffset: number | null;
  connectedReplicas: number | null;
  recommendation: BacklogRecommendation;
  error?: { code: string; message: string };
}

export interface BacklogCalculatorData {
  summary: { nodes: number; maxRateBytesPerSec: number | null; maxSuggestedBytes: number | null; tooSmall: number };
  rows: BacklogNodeRow[];
}

function memory(info: InfoSnapshot) {
  const n = (f: string) => infoNumber(info, f) ?? null;
  return { usedMemory: n("used_memory"), usedMemoryRss: n("used_memory_rss"), maxmemory: n("maxmemory"), totalSystemMemory: n("total_system_memory") };
}

export const backlogCalculatorProbe = defineProbe({
  id: "backlog-calculator",
  title: "Replication backlog calculator",
  description: "Measures the write rate (Δmaster_repl_offset/Δt) and recommends repl-backlog-size = rate × tolerated outage × 2, against the free memory.",
  cost: "sampling",
  redisCli: "redis-cli INFO replication; sleep 2; redis-cli INFO replication   # rate = Δmaster_repl_offset / Δt; backlog = rate × outage × 2",
  params: z
    .object({
      sampleMs: z.number().int().min(100).max(10_000).default(2_000).describe("Window over which the write rate is measured"),
      toleratedOutageSeconds: z
        .number()
        .int()
        .min(1)
        .max(86_400)
        // The outage the backlog must cover by default is the one rule backlog-covers-short asks for.
        .default(ruleById("backlog-covers-short").threshold)
        .describe("Longest replica disconnection the backlog should absorb without a full resync"),
    })
    .strict(),
  budgetMs: (p) => p.sampleMs + 5_000,
  async run(ctx, params) {
    const window = Math.min(params.sampleMs, ctx.deadline - Date.now() - DEADLINE_MARGIN_MS);
    // Replicas carry their master's stream: masters (or a standalone node) only.
    const outcomes = await ctx.forEachNode(async (runner, node) => {
      const first = await readInfo(runner, SECTIONS);
      const at0 = performance.now();
      await sleep(Math.max(0, window), ctx.signal);
      const second = await readInfo(runner, SECTIONS);
      const at1 = performance.now();
      const o0 = infoNumber(first, "master_repl_offset");
      const o1 = infoNumber(second, "master_repl_offset");
      const rate = o0 !== undefined && o1 !== undefined ? writeRate(o0, at0, o1, at1) : null;
      const recommendation = recommendBacklog(rate, params.toleratedOutageSeconds, infoNumber(second, "repl_backlog_size") ?? null, memory(second));
      const row: BacklogNodeRow = {
        node: node.address,
        role: infoString(second, "role") ?? null,
        sampledMs: Math.round(at1 - at0),
        masterReplOffset: o1 ?? null,
        connectedReplicas: infoNumber(second, "connected_slaves") ?? null,
        recommendation,
      };
      return { row, findings: atNode(backlogFindings(node.address, recommendation), node.address) };
    }, (n) => n.role !== "replica");
    throwIfAllFailed(outcomes);
    const rows = outcomes.map(
      (o) => o.value?.row ?? { node: o.node.address, role: null, sampledMs: null, masterReplOffset: null, connectedReplicas: null, recommendation: recommendBacklog(null, params.toleratedOutageSeconds, null, { usedMemory: null, usedMemoryRss: null, maxmemory: null, totalSystemMemory: null }), error: o.error },
    );
    const rates = rows.flatMap((r) => (r.recommendation.rateBytesPerSec === null ? [] : [r.recommendation.rateBytesPerSec]));
    const suggested = rows.flatMap((r) => (r.recommendation.suggestedBytes === null ? [] : [r.recommendation.suggestedBytes]));
    const data: BacklogCalculatorData = {
      summary: {
        nodes: rows.length,
        maxRateBytesPerSec: rates.length ? Math.max(...rates) : null,
        maxSuggestedBytes: suggested.length ? Math.max(...suggested) : null,
        tooSmall: outcomes.filter((o) => o.value?.findings.some((f) => f.code === "replication.backlog-too-small")).length,
      },
      rows,
    };
    const partial = outcomes.some((o) => o.error) || window < params.sampleMs;
    return { data, findings: mergeByCode(outcomes.flatMap((o) => o.value?.findings ?? [])), partial };
  },
});
