// One batch of scanned keys, measured: ONE pipeline of TYPE + MEMORY USAGE … SAMPLES 5 for every key,
// then a second, small one with the length command of the few keys that could rank. The length
// command depends on the type, which only the first pipeline tells; and after MEMORY USAGE the
// collector knows that almost no key needs it. So: two round trips per batch, the second for a
// handful of keys, instead of a third command for every key or a round trip per type.
import "server-only";
import { isAscii } from "node:buffer";
import type { RedisFailure } from "@/lib/redis/classify";
import { KEY, type CommandRunner, type KeyTemplate } from "@/lib/redis/command-runner";
import type { BigkeyCollector, KeyEntry } from "./collector";
import { lengthCommand } from "./length-command";

/** MEMORY USAGE samples: a handful of elements, never 0 (which walks every element of the key). */
export const MEMORY_SAMPLES = "5";
const TYPE_OF: KeyTemplate = ["TYPE", KEY];
const MEMORY_OF: KeyTemplate = ["MEMORY", "USAGE", KEY, "SAMPLES", MEMORY_SAMPLES];

export function asNumber(v: unknown): number | null {
  const n = typeof v === "number" ? v : typeof v === "string" && v !== "" ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
}

/** Errors that will hit every key alike (ACL, renamed command): the node stops instead of skipping all. */
function isFatal(err: RedisFailure): boolean {
  return err.code === "redis_command_disabled" || /NOPERM|unknown command/i.test(err.message);
}

/** `typeFilter`: the keys came from SCAN … TYPE, so their type is known and TYPE is not sent. */
export async function measureBatch(r: CommandRunner, collector: BigkeyCollector, node: string, keys: Buffer[], typeFilter?: string): Promise<void> {
  if (keys.length === 0) return;
  // ASCII names go as strings: ioredis writes Buffer arguments through a slower path, and only a
  // name with bytes >= 0x80 would change when encoded as UTF-8.
  const args = keys.map((k) => (isAscii(k) ? k.toString("latin1") : k));
  const replies = await r.pipelineKeys(typeFilter ? [MEMORY_OF] : [TYPE_OF, MEMORY_OF], args);
  const per = typeFilter ? 1 : 2;
  const wanted: Array<{ entry: KeyEntry; command: string }> = [];
  for (let i = 0; i < keys.length; i++) {
    const typeReply: [RedisFailure | null, unknown] = typeFilter ? [null, typeFilter] : replies[i * per]!;
    const [memErr, memReply] = replies[i * per + per - 1]!;
    const err = typeReply[0] ?? memErr;
    if (err) {
      if (isFatal(err)) throw err;
      continue; // the key changed under us (deleted, retyped): it is not big now
    }
    const type = String(typeReply[1]);
    const bytes = asNumber(memReply);
    if (type === "none" || bytes === null) continue; // deleted between SCAN and TYPE
    const entry = collector.add(node, keys[i]!, type, bytes);
    const command = entry && lengthCommand(type);
    if (entry && command) wanted.push({ entry, command });
  }
  if (wanted.length === 0) return;
  const lengths = await r.pipeline(wanted.map((w) => [w.command, w.entry.raw]));
  lengths.forEach(([lenErr, value], i) => {
    const n = asNumber(value);
    if (!lenErr && n !== null) collector.setElements(wanted[i]!.entry, n);
  });
}
