// Which commands block the server on big data sets: seeing them in the slowlog is evidence for the
// bigkey and keys-blocking playbooks. Pure; shared by health signals and the slowlog probe.
import { classifyCommand } from "@/lib/redis/command-policy";

export const BLOCKING_COMMANDS = ["KEYS", "HGETALL", "SMEMBERS", "LRANGE", "ZRANGE", "SUNION", "SINTER", "SORT", "FLUSHALL", "FLUSHDB", "DEL"];

/**
 * KEYS, HGETALL, SMEMBERS… block on big data sets; LRANGE/ZRANGE only when the range is unbounded
 * (the same test the command policy applies), so `LRANGE l 0 9` is not flagged.
 */
export function isBlockingCommand(argv: readonly string[]): boolean {
  const name = (argv[0] ?? "").toUpperCase();
  const forbidden = classifyCommand(argv) === "forbidden";
  if (name === "LRANGE" || name === "ZRANGE") return forbidden;
  return BLOCKING_COMMANDS.includes(name) || forbidden;
}
