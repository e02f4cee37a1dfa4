// Pure part of the keyspace probe: per-database rows from INFO keyspace and the per-node counters
// (expired, evicted, hits, misses) with the hit ratio.
import { infoNumber, infoString, type InfoSnapshot } from "@/lib/parse/info";
import { round } from "./probe-findings";

export interface KeyspaceDbRow {
  node: string;
  db: number;
  keys: number;
  expires: number;
  /** Share of keys with a TTL, in %. */
  expiresPct: number;
  /** Redis's estimate over sampled keys with a TTL; 0 when none has one. */
  avgTtlMs: number;
}

export interface KeyspaceNodeRow {
  node: string;
  keys: number | null;
  expiredKeys: number | null;
  evictedKeys: number | null;
  keyspaceHits: number | null;
  keyspaceMisses: number | null;
  /** hits / (hits + misses) in %; null before any lookup. */
  hitRatioPct: number | null;
  maxmemoryPolicy: string | null;
}

export function hitRatioPct(hits: number | undefined, misses: number | undefined): number | null {
  if (hits === undefined || misses === undefined || hits + misses === 0) return null;
  return round((hits / (hits + misses)) * 100, 2);
}

export function keyspaceDbRows(node: string, info: InfoSnapshot): KeyspaceDbRow[] {
  return info.keyspace.map((d) => ({
    node,
    db: d.db,
    keys: d.keys,
    expires: d.expires,
    expiresPct: d.keys ? round((d.expires / d.keys) * 100, 1) : 0,
    avgTtlMs: d.avgTtlMs,
  }));
}

export function keyspaceNodeRow(node: string, info: InfoSnapshot): KeyspaceNodeRow {
  const n = (f: string) => infoNumber(info, f);
  return {
    node,
    keys: info.keyspace.reduce((s, d) => s + d.keys, 0),
    expiredKeys: n("expired_keys") ?? null,
    evictedKeys: n("evicted_keys") ?? null,
    keyspaceHits: n("keyspace_hits") ?? null,
    keyspaceMisses: n("keyspace_misses") ?? null,
    hitRatioPct: hitRatioPct(n("keyspace_hits"), n("keyspace_misses")),
    maxmemoryPolicy: infoString(info, "maxmemory_policy") ?? null,
  };
}
