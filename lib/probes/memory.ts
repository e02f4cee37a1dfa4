// Probe: memory of every node: used, RSS, peak, dataset vs overhead, maxmemory and policy,
// fragmentation as ratio and bytes, the allocator's own figures and MEMORY STATS.
import "server-only";
import { z } from "zod";
import { parseInfo } from "@/lib/parse/info";
import { parseMemoryStats } from "@/lib/parse/memory-stats";
import type { Finding } from "./finding";
import { memoryRow, type MemoryRow } from "./memory-figures";
import { defineProbe } from "./probe";
import { atNode, infoSignals, mergeByCode, ruleFindings } from "./probe-findings";
import { readInfo, throwIfAllFailed } from "./probe-support";

export interface MemoryData {
  summary: { nodes: number; usedBytes: number; rssBytes: number; worstUsedPctOfMax: number | null; worstFragmentationRatio: number | null };
  rows: Array<MemoryRow & { statsError?: string; error?: { code: string; message: string } }>;
  /** MEMORY STATS in long form: one row per node and field (per-db overheads as `db.N.overhead.hashtable.main`). */
  stats: Array<{ node: string; field: string; value: number | string }>;
}

function statsRows(node: string, reply: unknown): MemoryData["stats"] {
  const parsed = parseMemoryStats(reply);
  const rows: MemoryData["stats"] = Object.entries(parsed.fields).map(([field, value]) => ({ node, field, value }));
  for (const [db, o] of Object.entries(parsed.dbs)) {
    rows.push({ node, field: `db.${db}.overhead.hashtable.main`, value: o.overheadHashtableMain });
    rows.push({ node, field: `db.${db}.overhead.hashtable.expires`, value: o.overheadHashtableExpires });
  }
  return rows;
}

export const memoryProbe = defineProbe({
  id: "memory",
  title: "Memory",
  description: "Used, RSS, peak, dataset and overhead memory against maxmemory, with fragmentation as ratio and bytes.",
  cost: "O(1)",
  redisCli: "redis-cli INFO memory && redis-cli MEMORY STATS",
  params: z.object({}).strict(),
  async run(ctx) {
    const outcomes = await ctx.forEachNode(async (runner, node) => {
      const info = await readInfo(runner, ["memory"]);
      const row = memoryRow(node.address, info);
      let stats: MemoryData["stats"] = [];
      let statsError: string | undefined;
      try {
        stats = statsRows(node.address, await runner.call(["MEMORY", "STATS"]));
      } catch (err) {
        // Denied or renamed away: INFO memory still answers the questions that matter.
        if ((err as { code?: string }).code !== "redis_command_disabled") throw err;
        statsError = (err as Error).message;
      }
      const findings: Finding[] = ruleFindings(["fragmentation.ratio-high", "memory.near-maxmemory"], infoSignals(info), {
        allocator: row.allocator ?? "",
      });
      if (row.maxmemory === 0) {
        findings.push({
          code: "memory.no-maxmemory",
          severity: "info",
          message: "No maxmemory is set: Redis grows until the host runs out and maxmemory-policy never applies",
          evidence: { usedBytes: row.usedBytes ?? 0, maxmemoryPolicy: row.maxmemoryPolicy ?? "" },
        });
      }
      return { row: { ...row, ...(statsError ? { statsError } : {}) }, stats, findings: atNode(findings, node.address) };
    });
    throwIfAllFailed(outcomes);

    const rows: MemoryData["rows"] = outcomes.map((o) => o.value?.row ?? { ...memoryRow(o.node.address, parseInfo("")), error: o.error });
    const known = (values: Array<number | null>) => values.filter((v): v is number => v !== null);
    const pcts = known(rows.map((r) => r.usedPctOfMax));
    const ratios = known(rows.map((r) => r.fragmentationRatio));
    const data: MemoryData = {
      summary: {
        nodes: rows.length,
        usedBytes: known(rows.map((r) => r.usedBytes)).reduce((s, v) => s + v, 0),
        rssBytes: known(rows.map((r) => r.rssBytes)).reduce((s, v) => s + v, 0),
        worstUsedPctOfMax: pcts.length ? Math.max(...pcts) : null,
        worstFragmentationRatio: ratios.length ? Math.max(...ratios) : null,
      },
      rows,
      stats: outcomes.flatMap((o) => o.value?.stats ?? []),
    };
    return { data, findings: mergeByCode(outcomes.flatMap((o) => o.value?.findings ?? [])), partial: outcomes.some((o) => o.error) };
  },
});
