// Probe: the newest slow commands of every node, which of them block the server, and whether the
// slowlog is even recording (slowlog-log-slower-than, slowlog-max-len).
import "server-only";
import { z } from "zod";
import { parseNumber } from "@/lib/parse/reply";
import { parseSlowlog } from "@/lib/parse/slowlog";
import { defineProbe } from "./probe";
import { mergeByCode } from "./probe-findings";
import { readConfig, throwIfAllFailed } from "./probe-support";
import { slowlogFindings, slowlogRows, type SlowlogRow, type SlowlogNodeSettings } from "./slowlog-analysis";
import { measureSlowKeys, type SlowKeyRow } from "./slow-keys";
import type { Finding } from "./finding";

export interface SlowlogNodeRow extends SlowlogNodeSettings {
  /** Entries the node holds (SLOWLOG LEN); only `count` of them are fetched. */
  length: number | null;
  fetched: number;
  configError?: string;
  error?: { code: string; message: string };
}

export interface SlowlogData {
  summary: { entries: number; blocking: number; maxDurationMs: number; nodes: number; nodesFailed: number };
  /** Newest first per node; nodes in topology order. */
  rows: SlowlogRow[];
  /** The keys of the slowest size-bound entries, measured now: is the slow key big? */
  slowKeys: SlowKeyRow[];
  nodes: SlowlogNodeRow[];
}

export const slowlogProbe = defineProbe({
  id: "slowlog",
  title: "Slow log",
  description: "The slowest recent commands on every node, flagging blocking ones such as KEYS or HGETALL, and the size of the keys they read.",
  cost: "O(1)",
  redisCli: "redis-cli SLOWLOG GET 32 && redis-cli CONFIG GET slowlog-log-slower-than && redis-cli CONFIG GET slowlog-max-len && redis-cli MEMORY USAGE <slow key> SAMPLES 5",
  params: z
    .object({ count: z.number().int().min(1).max(128).default(32).describe("Entries to fetch per node (SLOWLOG GET count)") })
    .strict(),
  async run(ctx, params) {
    const outcomes = await ctx.forEachNode(async (runner, node) => {
      const [[getErr, getReply], [, lenReply]] = await runner.pipeline([
        ["SLOWLOG", "GET", String(params.count)],
        ["SLOWLOG", "LEN"],
      ]);
      if (getErr) throw getErr;
      const { config, error: configError } = await readConfig(runner, ["slowlog-log-slower-than", "slowlog-max-len"]);
      const rows = slowlogRows(node.address, parseSlowlog(getReply));
      // Sizing the slow keys is extra evidence: a refused MEMORY or TYPE must not lose the slowlog.
      const sized = await measureSlowKeys(runner, node.address, rows).catch(() => ({ keys: [] as SlowKeyRow[], findings: [] as Finding[] }));
      const num = (name: string) => (config[name] === undefined ? null : (parseNumber(config[name]!) ?? null));
      return { rows, sized, length: typeof lenReply === "number" ? lenReply : null, logSlowerThanUs: num("slowlog-log-slower-than"), maxLen: num("slowlog-max-len"), configError };
    });
    throwIfAllFailed(outcomes);

    const rows = outcomes.flatMap((o) => o.value?.rows ?? []);
    const nodes: SlowlogNodeRow[] = outcomes.map((o) => ({
      node: o.node.address,
      length: o.value?.length ?? null,
      fetched: o.value?.rows.length ?? 0,
      logSlowerThanUs: o.value?.logSlowerThanUs ?? null,
      maxLen: o.value?.maxLen ?? null,
      ...(o.value?.configError ? { configError: o.value.configError } : {}),
      ...(o.error ? { error: o.error } : {}),
    }));
    const data: SlowlogData = {
      summary: {
        entries: rows.length,
        blocking: rows.filter((r) => r.blocking).length,
        maxDurationMs: rows.reduce((m, r) => Math.max(m, r.durationMs), 0),
        nodes: nodes.length,
        nodesFailed: nodes.filter((n) => n.error).length,
      },
      rows,
      slowKeys: outcomes.flatMap((o) => o.value?.sized.keys ?? []),
      nodes,
    };
    const keyFindings = outcomes.flatMap((o) => o.value?.sized.findings ?? []);
    return { data, findings: [...mergeByCode(slowlogFindings(rows, nodes, Date.now())), ...keyFindings], partial: outcomes.some((o) => o.error) };
  },
});
