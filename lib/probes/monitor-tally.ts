// Counts key accesses over a MONITOR window: per key, how often and by which commands. Memory stays
// bounded on a busy server: past `capacity` distinct keys the least-seen half is dropped (lossy
// counting), which keeps every heavy hitter and says by how much any count may be short. Pure.
import { argText, isPlainText, parseMonitorLine } from "@/lib/parse/monitor-line";
import { keyIndexes } from "./monitor-keys";
import { round } from "./probe-findings";

/** Distinct keys held at once; a key with more than 1/capacity of the accesses is never dropped. */
export const TALLY_CAPACITY = 20_000;

export interface KeyCount {
  key: string;
  /** Not plain UTF-8: shown in Redis's escaped form, and not sent back (PTTL) as a string. */
  binary: boolean;
  count: number;
  commands: Record<string, number>;
}

export interface MonitorTally {
  lines: number;
  /** Lines that were not MONITOR output (none are expected; counted rather than guessed at). */
  unparsed: number;
  /** Commands without keys, and script calls whose own commands are counted as `lua` lines. */
  keyless: number;
  /** Key accesses: an MGET of three keys counts three. */
  accesses: number;
  keys: Map<string, KeyCount>;
  /** The largest count dropped by pruning: any key's count may be short by at most this much. */
  maxError: number;
  capacity: number;
}

export interface TallyRow {
  key: string;
  binary: boolean;
  count: number;
  sharePct: number;
  /** `GET×950 SET×2`, most frequent first. */
  commands: string;
}

export function createTally(capacity = TALLY_CAPACITY): MonitorTally {
  return { lines: 0, unparsed: 0, keyless: 0, accesses: 0, keys: new Map(), maxError: 0, capacity };
}

function prune(t: MonitorTally): void {
  const counts = [...t.keys.values()].map((k) => k.count).sort((a, b) => a - b);
  const cut = counts[Math.floor(counts.length / 2)]!;
  for (const [id, k] of t.keys) if (k.count <= cut) t.keys.delete(id);
  t.maxError = Math.max(t.maxError, cut);
}

export function addMonitorLine(t: MonitorTally, raw: string): void {
  t.lines++;
  const line = parseMonitorLine(raw);
  if (!line) {
    t.unparsed++;
    return;
  }
  const indexes = keyIndexes(line.args);
  if (indexes.length === 0) {
    t.keyless++;
    return;
  }
  const command = argText(line.args[0]!).toUpperCase();
  for (const i of indexes) {
    const bytes = line.args[i]!;
    const binary = !isPlainText(bytes);
    const key = argText(bytes);
    // The prefix keeps a binary key apart from a text key that happens to read like its escaped form.
    const id = `${binary ? "b" : "t"}:${key}`;
    let k = t.keys.get(id);
    if (!k) {
      if (t.keys.size >= t.capacity) prune(t);
      t.keys.set(id, (k = { key, binary, count: 0, commands: {} }));
    }
    k.count++;
    k.commands[command] = (k.commands[command] ?? 0) + 1;
    t.accesses++;
  }
}

export function tallyRows(t: MonitorTally, top: number): TallyRow[] {
  return [...t.keys.values()]
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
    .slice(0, top)
    .map((k) => ({
      key: k.key,
      binary: k.binary,
      count: k.count,
      sharePct: t.accesses > 0 ? round((k.count / t.accesses) * 100, 2) : 0,
      commands: Object.entries(k.commands)
        .sort((a, b) => b[1] - a[1])
        .map(([c, n]) => `${c}×${n}`)
        .join(" "),
    }));
}
