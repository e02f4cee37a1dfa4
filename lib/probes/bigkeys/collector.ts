// What a scan keeps from millions of keys: per type the count and total bytes, the N biggest keys by
// memory overall and per type, the key with the most elements per type (what redis-cli --bigkeys
// reports), and the keys over the rule thresholds. Pure and bounded: memory is O(N × types).
//
// It also decides which keys are worth a length command: only those that rank by bytes (overall or
// in their type) or that could hold enough elements to be flagged. Every element costs at least one
// byte (a listpack entry two, a hashtable entry dozens), so a key under the element threshold in
// bytes is under it in elements too. After the first batches almost no key needs STRLEN/HLEN…
// So "most elements" is the most among the keys checked: the per-type top N by bytes and every key
// big enough to cross the element threshold (redis-cli --bigkeys asks every key, at 3 round trips).
import { CORE_TYPES } from "./length-command";
import { displayKey, type DisplayKey } from "./escape-key";
import { TopN } from "./top-n";

export interface KeyEntry {
  id: string;
  node: string;
  /** Exact key bytes, for the follow-up commands; never serialized. */
  raw: Buffer;
  type: string;
  bytes: number;
  elements: number | null;
  encoding?: string;
}

export interface BigkeyRow extends DisplayKey {
  node: string;
  type: string;
  bytes: number;
  /** STRLEN / LLEN / HLEN / SCARD / ZCARD / XLEN; null for module types or a key gone meanwhile. */
  elements: number | null;
  encoding?: string;
}

export interface TypeRow {
  type: string;
  keys: number;
  bytes: number;
  biggest: BigkeyRow | null;
  mostElements: BigkeyRow | null;
  /** The N biggest of this type. */
  top: BigkeyRow[];
}

export interface CollectorThresholds {
  /** MEMORY USAGE at or above which a key is flagged. */
  bytes: number;
  /** Elements at or above which a key is flagged. */
  elements: number;
}

/** Flagged keys kept for findings; past this the rest are only counted. */
export const MAX_FLAGGED = 1_000;

interface TypeStats {
  keys: number;
  bytes: number;
  top: TopN<KeyEntry>;
  mostElements: KeyEntry | null;
}

const byBytes = (e: KeyEntry) => e.bytes;

export class BigkeyCollector {
  private readonly overall: TopN<KeyEntry>;
  private readonly types = new Map<string, TypeStats>();
  private readonly flaggedIds = new Set<string>();
  private readonly flaggedList: KeyEntry[] = [];
  private overflow = 0;

  constructor(
    readonly topN: number,
    readonly thresholds: CollectorThresholds,
  ) {
    this.overall = new TopN(topN, byBytes);
  }

  private stats(type: string): TypeStats {
    let s = this.types.get(type);
    if (!s) this.types.set(type, (s = { keys: 0, bytes: 0, top: new TopN(this.topN, byBytes), mostElements: null }));
    return s;
  }

  /**
   * Counts one key. Returns its entry when the key ranks or could (its element count is then worth
   * fetching, see setElements); undefined when it is just one more small key.
   */
  add(node: string, raw: Buffer, type: string, bytes: number): KeyEntry | undefined {
    const s = this.stats(type);
    s.keys++;
    s.bytes += bytes;
    const candidate = this.overall.admits(bytes) || s.top.admits(bytes) || bytes >= this.thresholds.elements || bytes >= this.thresholds.bytes;
    if (!candidate) return undefined;
    const entry: KeyEntry = { id: `${node}\u0000${raw.toString("latin1")}`, node, raw, type, bytes, elements: null };
    this.overall.offer(entry);
    s.top.offer(entry);
    if (bytes >= this.thresholds.bytes) this.flag(entry);
    return entry;
  }

  setElements(entry: KeyEntry, elements: number): void {
    entry.elements = elements;
    const s = this.stats(entry.type);
    if (!s.mostElements || elements > (s.mostElements.elements ?? -1)) s.mostElements = entry;
    if (elements >= this.thresholds.elements) this.flag(entry);
  }

  private flag(entry: KeyEntry): void {
    if (this.flaggedIds.has(entry.id)) return;
    this.flaggedIds.add(entry.id);
    if (this.flaggedList.length < MAX_FLAGGED) this.flaggedList.push(entry);
    else this.overflow++;
  }

  /** Every entry that will be shown, for the per-key follow-ups (OBJECT ENCODING) before output. */
  shownEntries(): KeyEntry[] {
    const all = new Map<string, KeyEntry>();
    for (const e of this.overall.sorted()) all.set(e.id, e);
    for (const s of this.types.values()) {
      for (const e of s.top.sorted()) all.set(e.id, e);
      if (s.mostElements) all.set(s.mostElements.id, s.mostElements);
    }
    return [...all.values()];
  }

  rows(): BigkeyRow[] {
    return this.overall.sorted().map(toRow);
  }

  byType(): TypeRow[] {
    const order = (t: string) => {
      const i = (CORE_TYPES as readonly string[]).indexOf(t);
      return i < 0 ? CORE_TYPES.length : i;
    };
    return [...this.types.entries()]
      .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
      .map(([type, s]) => {
        const top = s.top.sorted().map(toRow);
        return { type, keys: s.keys, bytes: s.bytes, biggest: top[0] ?? null, mostElements: s.mostElements ? toRow(s.mostElements) : null, top };
      });
  }

  /** Keys over a threshold, biggest first, and how many more were over it but not kept. */
  flagged(): { entries: KeyEntry[]; more: number } {
    return { entries: [...this.flaggedList].sort((a, b) => b.bytes - a.bytes), more: this.overflow };
  }
}

export function toRow(e: KeyEntry): BigkeyRow {
  const row: BigkeyRow = { node: e.node, ...displayKey(e.raw), type: e.type, bytes: e.bytes, elements: e.elements };
  if (e.encoding) row.encoding = e.encoding;
  return row;
}
