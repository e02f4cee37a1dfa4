// Parser for INFO output (and other `key:value` line replies such as CLUSTER INFO) into sections, flat fields and typed tables.
import { getOwn, inputText, neverThrow, parseCommaPairs, parseNumber, putOwn, splitLines } from "./reply";

export interface InfoReplica {
  index: number;
  ip: string;
  port: number;
  state: string;
  offset: number;
  /** Seconds since the replica's last ACK; -1 when Redis did not report it (0 would claim a healthy replica). */
  lag: number;
}

export interface KeyspaceDb {
  db: number;
  keys: number;
  expires: number;
  avgTtlMs: number;
}

export interface CommandStat {
  /** Lowercased; subcommands keep Redis's `container|sub` form, e.g. `client|list`. */
  command: string;
  calls: number;
  usec: number;
  usecPerCall: number;
  rejectedCalls: number;
  failedCalls: number;
}

export interface InfoSnapshot {
  /** Keyed by the lowercased `# Header`; fields that come before any header land in `default`. */
  sections: Record<string, Record<string, string>>;
  fields: Record<string, string>;
  replicas: InfoReplica[];
  keyspace: KeyspaceDb[];
  commandstats: CommandStat[];
  errorstats: Record<string, number>;
}

// Lines before the first `# Header` (INFO of a single field, CLUSTER INFO) still need a section to live in.
const DEFAULT_SECTION = "default";

type InfoLine = { kind: "section"; name: string } | { kind: "field"; key: string; value: string };

function* infoLines(text: unknown): Generator<InfoLine> {
  for (const raw of splitLines(inputText(text))) {
    const line = raw.trim();
    if (!line) continue;
    if (line.startsWith("#")) {
      const name = line.slice(1).trim().toLowerCase();
      if (name) yield { kind: "section", name };
      continue;
    }
    // Values may contain colons (`executable:/usr/bin/redis-server`, IPv6 addresses), keys never do.
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    yield { kind: "field", key: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() };
  }
}

/** Flat `key:value` lines (CLUSTER INFO, a single INFO section); `#` header lines are ignored. */
export function parseKeyValueLines(text: unknown): Record<string, string> {
  return neverThrow(
    () => ({}),
    () => {
      const out: Record<string, string> = {};
      for (const line of infoLines(text)) if (line.kind === "field") putOwn(out, line.key, line.value);
      return out;
    },
  );
}

function num(value: string | undefined): number | undefined {
  return value === undefined ? undefined : parseNumber(value);
}

function parseReplica(index: number, value: string): InfoReplica | undefined {
  if (!value.includes("=")) {
    // Redis before 2.8 wrote positional `slave0:ip,port,state`.
    const [ip = "", port, state = ""] = value.split(",");
    return { index, ip: ip.trim(), port: num(port) ?? 0, state: state.trim(), offset: 0, lag: -1 };
  }
  const kv = parseCommaPairs(value);
  if (!Object.hasOwn(kv, "ip") && !Object.hasOwn(kv, "port")) return undefined;
  return {
    index,
    ip: getOwn(kv, "ip") ?? "",
    port: num(getOwn(kv, "port")) ?? 0,
    state: getOwn(kv, "state") ?? "",
    offset: num(getOwn(kv, "offset")) ?? 0,
    lag: num(getOwn(kv, "lag")) ?? -1,
  };
}

function parseKeyspace(db: number, value: string): KeyspaceDb | undefined {
  const kv = parseCommaPairs(value);
  const keys = num(getOwn(kv, "keys"));
  if (keys === undefined) return undefined;
  return {
    db,
    keys,
    expires: num(getOwn(kv, "expires")) ?? 0,
    avgTtlMs: num(getOwn(kv, "avg_ttl")) ?? 0,
  };
}

function parseCommandStat(command: string, value: string): CommandStat | undefined {
  const kv = parseCommaPairs(value);
  const calls = num(getOwn(kv, "calls"));
  if (calls === undefined || !command) return undefined;
  const usec = num(getOwn(kv, "usec")) ?? 0;
  return {
    command: command.toLowerCase(),
    calls,
    usec,
    usecPerCall: num(getOwn(kv, "usec_per_call")) ?? (calls > 0 ? usec / calls : 0),
    // Both counters appeared in Redis 6.2; older servers simply have none.
    rejectedCalls: num(getOwn(kv, "rejected_calls")) ?? 0,
    failedCalls: num(getOwn(kv, "failed_calls")) ?? 0,
  };
}

function emptySnapshot(): InfoSnapshot {
  return { sections: {}, fields: {}, replicas: [], keyspace: [], commandstats: [], errorstats: {} };
}

export function parseInfo(text: unknown): InfoSnapshot {
  return neverThrow(emptySnapshot, () => {
    const info = emptySnapshot();
    let section: Record<string, string> | undefined;
    for (const line of infoLines(text)) {
      if (line.kind === "section") {
        // Empty sections (`# Modules` with no module loaded) are kept: their presence says the server has them.
        section = getOwn(info.sections, line.name) ?? {};
        putOwn(info.sections, line.name, section);
        continue;
      }
      if (!section) {
        section = getOwn(info.sections, DEFAULT_SECTION) ?? {};
        putOwn(info.sections, DEFAULT_SECTION, section);
      }
      putOwn(section, line.key, line.value);
      putOwn(info.fields, line.key, line.value);
    }

    for (const [key, value] of Object.entries(info.fields)) {
      let m: RegExpMatchArray | null;
      if ((m = /^slave(\d+)$/.exec(key))) {
        const replica = parseReplica(Number(m[1]), value);
        if (replica) info.replicas.push(replica);
      } else if ((m = /^db(\d+)$/.exec(key))) {
        const db = parseKeyspace(Number(m[1]), value);
        if (db) info.keyspace.push(db);
      } else if (key.startsWith("cmdstat_")) {
        const stat = parseCommandStat(key.slice("cmdstat_".length), value);
        if (stat) info.commandstats.push(stat);
      } else if (key.startsWith("errorstat_")) {
        const count = num(getOwn(parseCommaPairs(value), "count"));
        const code = key.slice("errorstat_".length);
        if (code && count !== undefined) putOwn(info.errorstats, code, count);
      }
    }
    info.replicas.sort((a, b) => a.index - b.index);
    info.keyspace.sort((a, b) => a.db - b.db);
    return info;
  });
}

export function infoString(info: InfoSnapshot, field: string): string | undefined {
  return neverThrow(
    () => undefined,
    () => getOwn(info.fields, field),
  );
}

/** Finite numbers only: `used_memory_human:1.65M` or `used_memory_peak_perc:96.89%` give undefined, not NaN. */
export function infoNumber(info: InfoSnapshot, field: string): number | undefined {
  const value = infoString(info, field);
  return value === undefined ? undefined : parseNumber(value);
}
