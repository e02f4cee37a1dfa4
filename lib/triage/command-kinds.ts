// What a command name says about an incident, for reading slowlog entries and commandstats: scripts
// point at lua-busy, KEYS at keys-blocking, a slow command on one key at a big key. Pure.
import { RECENT_SLOWLOG_SECONDS } from "@/lib/metrics/health-signals";
import type { SlowEntry, TriageView } from "./triage-view";

/**
 * A command that held the only thread this long stalled every other client noticeably. 10 ms is the
 * reference's slowlog-log-slower-than (10000 µs) and the config audit's recommendation; an entry
 * under it (a server logging everything with slowlog-log-slower-than 0) is usage, not an incident.
 */
export const BLOCKING_MS = 10;

export const SCRIPT_COMMANDS = new Set(["eval", "evalsha", "eval_ro", "evalsha_ro", "fcall", "fcall_ro"]);

export { SIZE_BOUND_COMMANDS, WHOLE_KEY_COMMANDS } from "@/lib/metrics/blocking-commands";

/** Commands that take no key as their first argument (or are Redline's and admins' own). */
const NOT_KEYED = new Set([
  "keys", "scan", "flushall", "flushdb", "info", "config", "client", "cluster", "slowlog", "latency", "memory", "debug",
  "save", "bgsave", "bgrewriteaof", "shutdown", "monitor", "sync", "psync", "replconf", "multi", "exec", "discard",
  "dbsize", "randomkey", "swapdb", "acl", "command", "object", "wait", "waitaof", "ping", "echo", "select", "auth",
  "hello", "time", "lastsave", "role", "module", "sentinel", "publish", "spublish", "subscribe", "psubscribe",
  "ssubscribe", "unsubscribe", "punsubscribe", "script", "function", "lolwut", "failover", "replicaof", "slaveof",
  "migrate", "readonly", "readwrite", "reset", "quit", "pubsub", "hotkeys", ...SCRIPT_COMMANDS,
]);

export function isScriptCommand(command: string): boolean {
  return SCRIPT_COMMANDS.has(command.toLowerCase());
}

export function isKeysCommand(command: string): boolean {
  return command.toLowerCase() === "keys";
}

/** A command on one key (argv[1]): its slowness is the key's size. */
export function isKeyedCommand(entry: Pick<SlowEntry, "command" | "argv">): boolean {
  return entry.argv.length >= 2 && !NOT_KEYED.has(entry.command.toLowerCase());
}

export function durationMs(entry: Pick<SlowEntry, "durationUs">): number {
  return entry.durationUs / 1000;
}

/** Entries of the last 15 minutes (the health rules' window): older ones are history. */
export function recentSlowlog(view: TriageView): SlowEntry[] {
  const nowSec = view.now / 1000;
  return view.slowlog.filter((e) => nowSec - e.timestamp <= RECENT_SLOWLOG_SECONDS);
}

export function longest(entries: readonly SlowEntry[]): SlowEntry | undefined {
  return entries.reduce<SlowEntry | undefined>((a, b) => (!a || b.durationUs > a.durationUs ? b : a), undefined);
}
