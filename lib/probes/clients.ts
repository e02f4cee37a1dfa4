// Probe: who is connected to every node (Redline's own connections left out), grouped by host, name
// and library, how long they sit idle, and how close the node is to maxclients.
import "server-only";
import { z } from "zod";
import { parseClientList } from "@/lib/parse/client-list";
import { infoNumber } from "@/lib/parse/info";
import { parseNumber } from "@/lib/parse/reply";
import {
  analyzeClients,
  clientRow,
  idleManyFinding,
  isRedlineConnection,
  type ClientGroup,
  type ClientRow,
  type IdleBucketRow,
} from "./clients-analysis";
import type { Finding } from "./finding";
import { defineProbe } from "./probe";
import { atNode, infoSignals, mergeByCode, round, ruleFindings } from "./probe-findings";
import { readConfig, readInfo, throwIfAllFailed } from "./probe-support";

export interface ClientsNodeRow {
  node: string;
  /** INFO connected_clients: everyone, Redline included, as maxclients counts them. */
  connected: number | null;
  /** Rows of CLIENT LIST after leaving out Redline's own connections. */
  clients: number;
  own: number;
  maxclients: number | null;
  headroom: number | null;
  usedPctOfMax: number | null;
  rejected: number | null;
  idleOverLong: number;
  error?: { code: string; message: string };
}

export interface ClientsData {
  summary: { clients: number; own: number; idleOverLong: number; rejected: number; worstUsedPctOfMax: number | null; shown: number };
  /** The most idle connections first, at most `limit`. */
  rows: ClientRow[];
  nodes: ClientsNodeRow[];
  byHost: ClientGroup[];
  byName: ClientGroup[];
  byLib: ClientGroup[];
  idleBuckets: IdleBucketRow[];
}

export const clientsProbe = defineProbe({
  id: "clients",
  title: "Client connections",
  description: "Connections per host, name and library, idle-time buckets and headroom to maxclients, on every node.",
  cost: "bounded-scan",
  redisCli: "redis-cli CLIENT LIST && redis-cli INFO clients && redis-cli INFO stats | grep rejected_connections",
  params: z
    .object({ limit: z.number().int().min(1).max(2_000).default(200).describe("Client rows to return (groups always count all)") })
    .strict(),
  async run(ctx, params) {
    const outcomes = await ctx.forEachNode(async (runner, node) => {
      const all = parseClientList(await runner.call(["CLIENT", "LIST"]));
      const info = await readInfo(runner, ["clients", "stats"]);
      let maxclients = infoNumber(info, "maxclients");
      if (maxclients === undefined) {
        const { config } = await readConfig(runner, ["maxclients"]);
        maxclients = config.maxclients === undefined ? undefined : parseNumber(config.maxclients);
      }
      const rows = all.filter((c) => !isRedlineConnection(c)).map((c) => clientRow(node.address, c));
      return { rows, own: all.length - rows.length, info, connected: infoNumber(info, "connected_clients"), maxclients, rejected: infoNumber(info, "rejected_connections") };
    });
    throwIfAllFailed(outcomes);

    const findings: Finding[] = [];
    const nodes: ClientsNodeRow[] = outcomes.map((o) => {
      const node = o.node.address;
      if (!o.value) return { node, connected: null, clients: 0, own: 0, maxclients: null, headroom: null, usedPctOfMax: null, rejected: null, idleOverLong: 0, error: o.error };
      const { rows, own, info, connected, maxclients, rejected } = o.value;
      const analysis = analyzeClients(rows);
      const pct = connected !== undefined && maxclients ? round((connected / maxclients) * 100, 1) : undefined;
      const signals = infoSignals(info, maxclients === undefined ? {} : { maxclients: String(maxclients) });
      const evidence: Finding["evidence"] = {};
      if (connected !== undefined) evidence.connected = connected;
      if (maxclients !== undefined) evidence.maxclients = maxclients;
      findings.push(...atNode(ruleFindings(["clients.near-maxclients", "clients.rejected"], signals, evidence), node));
      const idle = idleManyFinding(analysis);
      if (idle) findings.push(...atNode([idle], node));
      return {
        node,
        connected: connected ?? null,
        clients: rows.length,
        own,
        maxclients: maxclients ?? null,
        headroom: connected !== undefined && maxclients ? maxclients - connected : null,
        usedPctOfMax: pct ?? null,
        rejected: rejected ?? null,
        idleOverLong: analysis.idleOverLong,
      };
    });

    const all = outcomes.flatMap((o) => o.value?.rows ?? []);
    const combined = analyzeClients(all);
    const pcts = nodes.flatMap((n) => (n.usedPctOfMax === null ? [] : [n.usedPctOfMax]));
    const rows = [...all].sort((a, b) => b.idleSec - a.idleSec || a.id - b.id).slice(0, params.limit);
    const data: ClientsData = {
      summary: {
        clients: combined.clients,
        own: nodes.reduce((s, n) => s + n.own, 0),
        idleOverLong: combined.idleOverLong,
        rejected: nodes.reduce((s, n) => s + (n.rejected ?? 0), 0),
        worstUsedPctOfMax: pcts.length ? Math.max(...pcts) : null,
        shown: rows.length,
      },
      rows,
      nodes,
      byHost: combined.byHost,
      byName: combined.byName,
      byLib: combined.byLib,
      idleBuckets: combined.idleBuckets,
    };
    return { data, findings: mergeByCode(findings), partial: outcomes.some((o) => o.error) };
  },
});
