// The O(1) command that tells how big a key of each type is, as redis-cli --bigkeys uses them:
// bytes of a string, elements of a collection, entries of a stream. Module types (ReJSON-RL,
// MBbloom--, …) have no generic length command: their size is MEMORY USAGE alone.

export const CORE_TYPES = ["string", "list", "set", "zset", "hash", "stream"] as const;
export type CoreType = (typeof CORE_TYPES)[number];

const LENGTH_COMMAND: Record<CoreType, string> = {
  string: "STRLEN",
  list: "LLEN",
  set: "SCARD",
  zset: "ZCARD",
  hash: "HLEN",
  stream: "XLEN",
};

/** What the length counts, for labels ("fields", "bytes"), as redis-cli --bigkeys words it. */
const LENGTH_UNIT: Record<CoreType, string> = {
  string: "bytes",
  list: "items",
  set: "members",
  zset: "members",
  hash: "fields",
  stream: "entries",
};

export function isCoreType(type: string): type is CoreType {
  return (CORE_TYPES as readonly string[]).includes(type);
}

/** STRLEN, HLEN…; undefined for a module type or `none` (the key is gone). */
export function lengthCommand(type: string): string | undefined {
  return isCoreType(type) ? LENGTH_COMMAND[type] : undefined;
}

export function lengthUnit(type: string): string {
  return isCoreType(type) ? LENGTH_UNIT[type] : "elements";
}
