// Probe: would the planned connections fit? A calculator over the engineer's inputs (pods, pool size,
// replicas, Sentinels, monitoring, reserve) against each node's maxclients, shown with the formula,
// next to who is connected now (grouped by client name and library, Redline's own left out).
import "server-only";
import { z } from "zod";
import { parseClientList } from "@/lib/parse/client-list";
import { infoNumber } from "@/lib/parse/info";
import { parseNumber } from "@/lib/parse/reply";
import { analyzeClients, clientRow, isRedlineConnection, type ClientGroup } from "./clients-analysis";
import { budgetFindings, connectionBudget, type Budget } from "./connection-budget-math";
import { defineProbe } from "./probe";
import { atNode, mergeByCode } from "./probe-findings";
import { readConfig, readInfo, throwIfAllFailed } from "./probe-support";

const count = (what: string) => z.number().int().min(0).max(1_000_000).describe(what);

export interface ConnectionBudgetNodeRow {
  node: string;
  budget: Budget;
  connectedNow: number | null;
  /** CLIENT LIST rows after leaving out Redline's own connections. */
  clients: number;
  byName: ClientGroup[];
  byLib: ClientGroup[];
  error?: { code: string; message: string };
}

export interface ConnectionBudgetData {
  summary: { nodes: number; planned: number; worstPctOfMax: number | null; connectedNow: number };
  rows: ConnectionBudgetNodeRow[];
}

export const connectionBudgetProbe = defineProbe({
  id: "connection-budget",
  title: "Connection budget",
  description: "Planned connections (pods × pool size + replicas + Sentinels + monitoring + reserve) against maxclients, with the formula and who is connected now.",
  cost: "O(1)",
  redisCli: "redis-cli CONFIG GET maxclients && redis-cli INFO clients && redis-cli CLIENT LIST",
  params: z
    .object({
      // 0 by default so the probe runs without inputs (it then shows current connections and the fixed terms).
      pods: count("Application pods connecting").default(0),
      poolSizePerPod: count("Connection pool size (max total) per pod").default(0),
      replicas: count("Replicas connecting to this node").default(0),
      sentinels: count("Sentinels monitoring this node").default(0),
      monitoring: count("Monitoring connections (exporters, agents)").default(2),
      reserve: count("Reserve for scripts and people; default Redline's 2 + 5 % of the rest").optional(),
    })
    .strict(),
  async run(ctx, params) {
    const outcomes = await ctx.forEachNode(async (runner, node) => {
      const info = await readInfo(runner, ["clients"]);
      let maxclients = infoNumber(info, "maxclients");
      if (maxclients === undefined) {
        const { config } = await readConfig(runner, ["maxclients"]);
        maxclients = config.maxclients === undefined ? undefined : parseNumber(config.maxclients);
      }
      const all = parseClientList(await runner.call(["CLIENT", "LIST"]));
      const rows = all.filter((c) => !isRedlineConnection(c)).map((c) => clientRow(node.address, c));
      const analysis = analyzeClients(rows);
      const connected = infoNumber(info, "connected_clients") ?? null;
      const budget = connectionBudget(params, maxclients ?? null);
      const row: ConnectionBudgetNodeRow = { node: node.address, budget, connectedNow: connected, clients: analysis.clients, byName: analysis.byName, byLib: analysis.byLib };
      return { row, findings: atNode(budgetFindings(node.address, budget, connected), node.address) };
    });
    throwIfAllFailed(outcomes);
    const rows = outcomes.map((o) => o.value?.row ?? { node: o.node.address, budget: connectionBudget(params, null), connectedNow: null, clients: 0, byName: [], byLib: [], error: o.error });
    const pcts = rows.flatMap((r) => (r.budget.pctOfMax === null ? [] : [r.budget.pctOfMax]));
    const data: ConnectionBudgetData = {
      summary: {
        nodes: rows.length,
        planned: rows[0]?.budget.total ?? 0,
        worstPctOfMax: pcts.length ? Math.max(...pcts) : null,
        connectedNow: rows.reduce((s, r) => s + (r.connectedNow ?? 0), 0),
      },
      rows,
    };
    return { data, findings: mergeByCode(outcomes.flatMap((o) => o.value?.findings ?? [])), partial: outcomes.some((o) => o.error) };
  },
});
