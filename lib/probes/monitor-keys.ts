// Which arguments of a command seen in MONITOR are keys, so key accesses can be counted. Most
// commands take their key first; the exceptions here are the common multi-key and keyless ones.
// Scripts are skipped: MONITOR shows each command a script runs as its own `[db lua]` line, so the
// keys a script touches are counted there, once. Pure.

/** Commands without keys (admin, connection, pub/sub, scans, transactions): not key accesses. */
const KEYLESS = new Set([
  "PING", "ECHO", "SELECT", "AUTH", "HELLO", "CLIENT", "CONFIG", "INFO", "SLOWLOG", "LATENCY", "COMMAND", "CLUSTER",
  "MULTI", "EXEC", "DISCARD", "WATCH", "UNWATCH", "SCRIPT", "FUNCTION", "DBSIZE", "TIME", "SCAN", "KEYS", "RANDOMKEY",
  "FLUSHALL", "FLUSHDB", "SUBSCRIBE", "PSUBSCRIBE", "SSUBSCRIBE", "UNSUBSCRIBE", "PUNSUBSCRIBE", "SUNSUBSCRIBE",
  "PUBLISH", "SPUBLISH", "PUBSUB", "QUIT", "RESET", "ACL", "MONITOR", "SAVE", "BGSAVE", "BGREWRITEAOF", "LASTSAVE",
  "REPLCONF", "PSYNC", "SYNC", "WAIT", "WAITAOF", "READONLY", "READWRITE", "ROLE", "SWAPDB", "MODULE", "DEBUG",
  "SHUTDOWN", "REPLICAOF", "SLAVEOF", "FAILOVER", "LOLWUT", "ASKING", "HOTKEYS", "MEMORY",
]);

/** Scripts: their commands appear as separate `lua` lines (counted there). */
const SCRIPTS = new Set(["EVAL", "EVALSHA", "EVAL_RO", "EVALSHA_RO", "FCALL", "FCALL_RO"]);

/** Every argument is a key. */
const ALL_ARGS = new Set(["DEL", "UNLINK", "EXISTS", "TOUCH", "MGET", "SINTER", "SUNION", "SDIFF", "SINTERSTORE", "SUNIONSTORE", "SDIFFSTORE", "PFCOUNT", "PFMERGE"]);

/** The first two arguments are keys (source and destination). */
const FIRST_TWO = new Set(["RENAME", "RENAMENX", "SMOVE", "LMOVE", "BLMOVE", "RPOPLPUSH", "BRPOPLPUSH", "COPY"]);

/** Every argument but the last (the timeout) is a key. */
const ALL_BUT_LAST = new Set(["BLPOP", "BRPOP", "BZPOPMIN", "BZPOPMAX"]);

/** Key, value, key, value… */
const PAIRS = new Set(["MSET", "MSETNX"]);

/** `<CMD> <subcommand> <key>`. */
const SUBCOMMAND_KEY = new Set(["OBJECT", "XINFO"]);

type Arg = string | Uint8Array;

/** Command names and keywords are ASCII: decoding byte by byte is enough to compare them. */
function upper(arg: Arg | undefined): string {
  if (arg === undefined) return "";
  return (typeof arg === "string" ? arg : String.fromCharCode(...arg.subarray(0, 64))).toUpperCase();
}

/** Indexes into `args` (args[0] is the command name) of the keys this command touches. */
export function keyIndexes(args: readonly Arg[]): number[] {
  const name = upper(args[0]);
  const n = args.length;
  if (n < 2 || KEYLESS.has(name) || SCRIPTS.has(name)) return [];
  const range = (from: number, to: number, step = 1) => {
    const out: number[] = [];
    for (let i = from; i < to; i += step) out.push(i);
    return out;
  };
  if (ALL_ARGS.has(name)) return range(1, n);
  if (FIRST_TWO.has(name)) return range(1, Math.min(3, n));
  if (ALL_BUT_LAST.has(name)) return range(1, n - 1);
  if (PAIRS.has(name)) return range(1, n, 2);
  if (SUBCOMMAND_KEY.has(name)) return n > 2 ? [2] : [];
  if (name === "XREAD" || name === "XREADGROUP") {
    const at = args.findIndex((a, i) => i > 0 && a.length === 7 && upper(a) === "STREAMS");
    if (at < 0) return [];
    const count = Math.floor((n - at - 1) / 2);
    return range(at + 1, at + 1 + count);
  }
  return [1];
}
