// Parser for the MEMORY STATS reply: flat numeric/text fields plus the per-database hashtable overheads.
import { neverThrow, putOwn, replyNumber, replyPairs, replyText } from "./reply";

export interface MemoryDbOverhead {
  overheadHashtableMain: number;
  overheadHashtableExpires: number;
}

export interface MemoryStats {
  /** Numbers where Redis sent a number or numeric text (ratios such as `fragmentation` arrive as "1.23"). */
  fields: Record<string, number | string>;
  /** Keyed by database index as text ("0" for `db.0`). */
  dbs: Record<string, MemoryDbOverhead>;
}

function parseDb(value: unknown): MemoryDbOverhead {
  const db: MemoryDbOverhead = { overheadHashtableMain: 0, overheadHashtableExpires: 0 };
  for (const [key, raw] of replyPairs(value)) {
    const n = replyNumber(raw);
    if (n === undefined) continue;
    if (key === "overhead.hashtable.main") db.overheadHashtableMain = n;
    else if (key === "overhead.hashtable.expires") db.overheadHashtableExpires = n;
  }
  return db;
}

export function parseMemoryStats(reply: unknown): MemoryStats {
  return neverThrow(
    () => ({ fields: {}, dbs: {} }),
    () => {
      const stats: MemoryStats = { fields: {}, dbs: {} };
      for (const [key, value] of replyPairs(reply)) {
        const db = /^db\.(\d+)$/.exec(key);
        if (db) {
          putOwn(stats.dbs, db[1], parseDb(value));
          continue;
        }
        const text = replyText(value);
        if (text === undefined || !key) continue;
        putOwn(stats.fields, key, replyNumber(value) ?? text);
      }
      return stats;
    },
  );
}
