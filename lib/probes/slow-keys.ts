// The keys the slowlog names, measured: a slow SMEMBERS, HGETALL, LRANGE… is a big-key incident
// when the key it read is big, and the slowlog alone cannot say so (a 20 ms HGETALL may be a 300k-field
// hash or a starved CPU). Whatever the server's slowlog threshold deemed slow counts: for the few
// slowest keyed entries of a size-bound command, TYPE + MEMORY
// USAGE … SAMPLES 5 and the type's O(1) length command tell, and the bigkeys probe's rule (bytes or
// elements, lib/metrics/rules.ts) decides. Bounded: at most MAX_SLOW_KEYS keys per node, three O(1)
// commands each, in two round trips.
import "server-only";
import { SIZE_BOUND_COMMANDS } from "@/lib/metrics/blocking-commands";
import type { RedisFailure } from "@/lib/redis/classify";
import { KEY, type CommandRunner, type KeyTemplate } from "@/lib/redis/command-runner";
import type { Finding } from "./finding";
import { keyFinding } from "./bigkeys/findings";
import { lengthCommand } from "./bigkeys/length-command";
import { asNumber, MEMORY_SAMPLES } from "./bigkeys/measure-batch";
import type { SlowlogRow } from "./slowlog-analysis";

export const MAX_SLOW_KEYS = 5;
/** How Redis marks an argument it cut at 128 bytes in the slowlog: the key cannot be named exactly. */
const TRUNCATED = /\.\.\. \(\d+ more bytes\)$/;

export interface SlowKeyRow {
  node: string;
  key: string;
  /** The slowest logged command on it, and how long it held the server. */
  command: string;
  durationMs: number;
  /** `none`: the key is gone since (deleted or expired). */
  type: string;
  bytes: number | null;
  elements: number | null;
}

/** Distinct keys of slow size-bound entries, slowest first; pure. */
export function slowKeysToMeasure(rows: readonly SlowlogRow[], max = MAX_SLOW_KEYS): Array<Pick<SlowKeyRow, "key" | "command" | "durationMs">> {
  const byKey = new Map<string, Pick<SlowKeyRow, "key" | "command" | "durationMs">>();
  const candidates = rows
    .filter((r) => r.argv.length >= 2 && SIZE_BOUND_COMMANDS.has(r.command.toLowerCase()) && !TRUNCATED.test(r.argv[1]!))
    .sort((a, b) => b.durationMs - a.durationMs);
  for (const r of candidates) {
    if (byKey.size >= max) break;
    if (!byKey.has(r.argv[1]!)) byKey.set(r.argv[1]!, { key: r.argv[1]!, command: r.command, durationMs: r.durationMs });
  }
  return [...byKey.values()];
}

const TYPE_OF: KeyTemplate = ["TYPE", KEY];
const MEMORY_OF: KeyTemplate = ["MEMORY", "USAGE", KEY, "SAMPLES", MEMORY_SAMPLES];

/** Measures the slowlog's keys on one node; a key that errors or vanished is listed without sizes. */
export async function measureSlowKeys(runner: CommandRunner, node: string, rows: readonly SlowlogRow[]): Promise<{ keys: SlowKeyRow[]; findings: Finding[] }> {
  const wanted = slowKeysToMeasure(rows);
  if (wanted.length === 0) return { keys: [], findings: [] };
  const replies = await runner.pipelineKeys([TYPE_OF, MEMORY_OF], wanted.map((w) => w.key));
  const keys: SlowKeyRow[] = wanted.map((w, i) => {
    const [typeErr, type] = replies[i * 2]! as [RedisFailure | null, unknown];
    const [memErr, bytes] = replies[i * 2 + 1]! as [RedisFailure | null, unknown];
    return { node, ...w, type: typeErr ? "unknown" : String(type), bytes: memErr ? null : asNumber(bytes), elements: null };
  });
  const lengths = keys.flatMap((k) => {
    const command = lengthCommand(k.type);
    return command ? [{ row: k, argv: [command, k.key] }] : [];
  });
  if (lengths.length > 0) {
    const replies = await runner.pipeline(lengths.map((l) => l.argv));
    replies.forEach(([err, value], i) => {
      if (!err) lengths[i]!.row.elements = asNumber(value);
    });
  }
  const findings = keys.flatMap((k) => {
    if (k.bytes === null || k.type === "none" || k.type === "unknown") return [];
    const finding = keyFinding({ id: k.key, node, raw: Buffer.from(k.key), type: k.type, bytes: k.bytes, elements: k.elements });
    if (!finding) return [];
    const message = `${finding.message}; the slowlog shows ${k.command} on it holding the server ${Math.round(k.durationMs)} ms`;
    return [{ ...finding, message, evidence: { ...finding.evidence, command: k.command, durationMs: Math.round(k.durationMs), source: "slowlog" } }];
  });
  return { keys, findings };
}
