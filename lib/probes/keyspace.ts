// Probe: keys, expiring keys and average TTL per database, expirations, evictions and the hit ratio,
// on every node that holds data of its own (cluster masters; a standalone node whatever its role).
import "server-only";
import { z } from "zod";
import type { Finding } from "./finding";
import { hitRatioPct, keyspaceDbRows, keyspaceNodeRow, type KeyspaceDbRow, type KeyspaceNodeRow } from "./keyspace-figures";
import { defineProbe } from "./probe";
import { mergeByCode } from "./probe-findings";
import { readInfo, throwIfAllFailed } from "./probe-support";

export interface KeyspaceData {
  summary: { nodes: number; keys: number; expires: number; evictedKeys: number; expiredKeys: number; hitRatioPct: number | null };
  /** One row per node and database. */
  rows: KeyspaceDbRow[];
  nodes: Array<KeyspaceNodeRow | { node: string; error?: { code: string; message: string } }>;
}

export const keyspaceProbe = defineProbe({
  id: "keyspace",
  title: "Keyspace",
  description: "Keys, expiring keys and average TTL per database, with expirations, evictions and the cache hit ratio.",
  cost: "O(1)",
  redisCli: "redis-cli INFO keyspace && redis-cli INFO stats | grep -E 'expired_keys|evicted_keys|keyspace_(hits|misses)'",
  params: z.object({}).strict(),
  async run(ctx) {
    // Cluster replicas hold copies of their master's keys: counting them would double the keyspace.
    const outcomes = await ctx.forEachNode(async (runner, node) => {
      const info = await readInfo(runner, ["keyspace", "stats", "memory"]);
      return { dbs: keyspaceDbRows(node.address, info), row: keyspaceNodeRow(node.address, info) };
    }, (n) => n.role !== "replica");
    throwIfAllFailed(outcomes);

    const findings: Finding[] = [];
    for (const o of outcomes) {
      const row = o.value?.row;
      if (!row?.evictedKeys) continue;
      findings.push({
        code: "keyspace.evictions",
        severity: "info",
        message: `${row.evictedKeys} keys were evicted since start (maxmemory-policy ${row.maxmemoryPolicy ?? "unknown"}): memory is full and keys are being dropped`,
        evidence: { node: row.node, evictedKeys: row.evictedKeys, maxmemoryPolicy: row.maxmemoryPolicy ?? "" },
      });
    }
    const rows = outcomes.flatMap((o) => o.value?.dbs ?? []);
    const nodes = outcomes.map((o) => o.value?.row ?? { node: o.node.address, error: o.error });
    const sum = (f: (r: KeyspaceNodeRow) => number | null) => outcomes.reduce((s, o) => s + (o.value ? (f(o.value.row) ?? 0) : 0), 0);
    const hits = sum((r) => r.keyspaceHits);
    const misses = sum((r) => r.keyspaceMisses);
    const data: KeyspaceData = {
      summary: {
        nodes: nodes.length,
        keys: rows.reduce((s, r) => s + r.keys, 0),
        expires: rows.reduce((s, r) => s + r.expires, 0),
        evictedKeys: sum((r) => r.evictedKeys),
        expiredKeys: sum((r) => r.expiredKeys),
        hitRatioPct: hitRatioPct(hits, misses),
      },
      rows,
      nodes,
    };
    return { data, findings: mergeByCode(findings), partial: outcomes.some((o) => o.error) };
  },
});
