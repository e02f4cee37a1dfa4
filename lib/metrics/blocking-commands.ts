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

/** Commands whose cost grows with the size of one key: read or delete a whole collection. */
export const WHOLE_KEY_COMMANDS = new Set([
  "hgetall", "hkeys", "hvals", "smembers", "sunion", "sinter", "sdiff", "sunionstore", "sinterstore", "sdiffstore",
  "lrange", "zrange", "zrevrange", "zrangebyscore", "zrevrangebyscore", "zrangebylex", "zrevrangebylex", "zrangestore",
  "zunion", "zinter", "zdiff", "zunionstore", "zinterstore", "zdiffstore", "sort", "sort_ro", "xrange", "xrevrange", "del",
]);

/** Commands whose cost grows with the size of the one key they touch, whole collections or strings. */
export const SIZE_BOUND_COMMANDS = new Set([...WHOLE_KEY_COMMANDS, "get", "getdel", "getex", "getrange", "dump", "restore", "lpos", "lrem", "linsert", "ltrim"]);
