// Do-no-harm policy (DESIGN.md): what a probe may send, what only an explicit fix action may send,
// and what Redline never sends. Pure, and checked on every command before it leaves the server.

export type CommandClass = "read" | "mutating" | "forbidden";

/** Never sent by probes or fixes: they block the server or destroy data. */
const FORBIDDEN = new Set(["KEYS", "FLUSHALL", "FLUSHDB", "DEBUG", "SHUTDOWN", "HGETALL", "SMEMBERS", "SAVE", "SWAPDB", "MIGRATE", "RESTORE"]);

/** Read-only commands (and read-only subcommands) probes may use. */
const READ = new Set([
  "PING", "INFO", "TIME", "DBSIZE", "TYPE", "TTL", "PTTL", "EXISTS", "SCAN", "HSCAN", "SSCAN", "ZSCAN",
  "STRLEN", "HLEN", "LLEN", "SCARD", "ZCARD", "XLEN", "PFCOUNT", "ROLE", "LOLWUT", "HELLO", "ECHO", "SELECT", "READONLY",
]);
const READ_SUB: Record<string, Set<string>> = {
  CONFIG: new Set(["GET"]),
  CLIENT: new Set(["LIST", "INFO", "GETNAME", "ID", "SETNAME", "NO-EVICT"]),
  SLOWLOG: new Set(["GET", "LEN"]),
  LATENCY: new Set(["LATEST", "HISTORY", "DOCTOR", "HISTOGRAM"]),
  MEMORY: new Set(["USAGE", "STATS", "DOCTOR", "MALLOC-STATS"]),
  CLUSTER: new Set(["INFO", "NODES", "SHARDS", "SLOTS", "MYID", "KEYSLOT", "COUNTKEYSINSLOT", "LINKS"]),
  OBJECT: new Set(["FREQ", "ENCODING", "IDLETIME", "REFCOUNT"]),
  SENTINEL: new Set(["GET-MASTER-ADDR-BY-NAME", "MASTER", "MASTERS", "REPLICAS", "SLAVES", "SENTINELS", "CKQUORUM"]),
  ACL: new Set(["WHOAMI", "LIST", "GETUSER", "USERS", "CAT", "DRYRUN"]),
  SCRIPT: new Set(["EXISTS"]),
  FUNCTION: new Set(["LIST", "STATS"]),
  COMMAND: new Set(["COUNT", "INFO", "DOCS", "LIST"]),
  MODULE: new Set(["LIST"]),
};

function upper(s: string | undefined): string {
  return (s ?? "").toUpperCase();
}

export function classifyCommand(argv: readonly string[]): CommandClass {
  const name = upper(argv[0]);
  const sub = upper(argv[1]);
  if (FORBIDDEN.has(name)) return "forbidden";
  if (name === "MEMORY" && sub === "USAGE") {
    // SAMPLES 0 walks every element of the key: as slow as reading it whole.
    const i = argv.findIndex((a) => upper(a) === "SAMPLES");
    if (i >= 0 && Number(argv[i + 1]) === 0) return "forbidden";
  }
  if (name === "LRANGE" || name === "ZRANGE") {
    // Bounded reads of a few elements are fine; `0 -1` on a big key is not.
    const start = Number(argv[2]);
    const stop = Number(argv[3]);
    if (!Number.isInteger(start) || !Number.isInteger(stop) || stop < 0 || stop - start > 100) return "forbidden";
    return "read";
  }
  if (name === "MONITOR") return "mutating"; // allowed only on explicit request, like a fix action
  if (READ.has(name)) return "read";
  if (READ_SUB[name]?.has(sub)) return "read";
  return "mutating";
}

export function isReadOnly(argv: readonly string[]): boolean {
  return classifyCommand(argv) === "read";
}

/** Read commands Redline never needs on a data node (sentinel-only, or harmless but useless). */
const NOT_FOR_DATA_NODES = new Set(["SENTINEL", "LOLWUT"]);

/**
 * The ACL rules that allow exactly what Redline's probes send to a data node, from the same lists
 * the policy checks: `+info`, `+config|get`, … Nothing that writes, no MONITOR, no fix commands.
 */
export function probeAclRules(): string[] {
  const whole = [...READ].filter((c) => !NOT_FOR_DATA_NODES.has(c)).map((c) => `+${c.toLowerCase()}`);
  const subs = Object.entries(READ_SUB)
    .filter(([c]) => !NOT_FOR_DATA_NODES.has(c))
    .flatMap(([c, subs]) => [...subs].map((sub) => `+${c.toLowerCase()}|${sub.toLowerCase()}`));
  return [...whole, ...subs];
}
