// Pure part of the lua probe: what a BUSY reply says (a script or a function, and so which KILL
// applies), FUNCTION STATS' running script, which name the server knows the threshold by
// (CORRECTIONS #4), the clients whose last command was a script, and the findings.
import type { ClientInfo } from "@/lib/parse/client-list";
import type { CommandStat } from "@/lib/parse/info";
import { parseNumber, replyNumber, replyPairs, replyText } from "@/lib/parse/reply";
import { isRedlineConnection } from "./clients-analysis";
import type { Finding } from "./finding";
import { ruleFindings } from "./probe-findings";

/**
 * What redis-server 7.0.15 still answers while a script is past busy-reply-threshold (checked by
 * hand and in playbook-probes.int.test.ts): commands flagged allow-busy. Everything else, PING
 * included, gets `-BUSY`. FUNCTION STATS answers only while a *function* runs; during EVAL it is BUSY too.
 */
export const ACCEPTED_WHILE_BUSY = ["SCRIPT KILL (EVAL)", "FUNCTION KILL (FCALL)", "FUNCTION STATS (FCALL only)", "SHUTDOWN NOSAVE", "HELLO", "AUTH", "RESET", "QUIT", "MULTI", "DISCARD", "WATCH", "UNWATCH", "REPLCONF (replicas)"];
export const REFUSED_WHILE_BUSY = ["PING", "INFO", "CLIENT LIST", "CLIENT INFO", "CONFIG GET", "SLOWLOG GET", "COMMAND INFO", "ACL WHOAMI", "TIME", "DBSIZE", "FUNCTION STATS (EVAL)"];

export const SCRIPT_COMMANDS = ["eval", "evalsha", "eval_ro", "evalsha_ro", "fcall", "fcall_ro"];

export type BusyKind = "script" | "function" | "module" | "unknown";

/** `BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.` (FUNCTION KILL for functions). */
export function busyKind(message: string): BusyKind {
  if (/FUNCTION KILL/i.test(message)) return "function";
  if (/SCRIPT KILL/i.test(message)) return "script";
  if (/module/i.test(message)) return "module";
  return "unknown";
}

export function killCommand(kind: BusyKind): string | null {
  if (kind === "script") return "SCRIPT KILL";
  if (kind === "function") return "FUNCTION KILL";
  return null;
}

export interface RunningScript {
  name: string;
  command: string[];
  durationMs: number;
}

/** FUNCTION STATS' `running_script`: nil when nothing runs. */
export function parseRunningScript(reply: unknown): RunningScript | null {
  const running = replyPairs(reply).find(([k]) => k === "running_script")?.[1];
  const fields = new Map(replyPairs(running));
  if (fields.size === 0) return null;
  const command = fields.get("command");
  return {
    name: replyText(fields.get("name")) ?? "",
    command: Array.isArray(command) ? command.map((c) => replyText(c) ?? "") : [],
    durationMs: replyNumber(fields.get("duration_ms")) ?? 0,
  };
}

export interface ScriptThreshold {
  /** `busy-reply-threshold` on 7.0+ (where `lua-time-limit` is an alias), `lua-time-limit` before. */
  name: "busy-reply-threshold" | "lua-time-limit" | null;
  ms: number | null;
  /** Every name the server answered CONFIG GET for, with its value. */
  values: Record<string, string>;
}

export function scriptThreshold(config: Record<string, string>): ScriptThreshold {
  const values: Record<string, string> = {};
  for (const name of ["busy-reply-threshold", "lua-time-limit"]) if (config[name] !== undefined) values[name] = config[name]!;
  const name = values["busy-reply-threshold"] !== undefined ? "busy-reply-threshold" : values["lua-time-limit"] !== undefined ? "lua-time-limit" : null;
  return { name, ms: name ? (parseNumber(values[name]!) ?? null) : null, values };
}

export interface ScriptClientRow {
  id: number;
  addr: string;
  name: string;
  /** The client's last command: a past script, since a running one keeps the server from answering CLIENT LIST. */
  cmd: string;
  ageSec: number;
  idleSec: number;
}

export function scriptClients(clients: readonly ClientInfo[]): ScriptClientRow[] {
  return clients
    .filter((c) => !isRedlineConnection(c) && SCRIPT_COMMANDS.includes(c.cmd.toLowerCase()))
    .map((c) => ({ id: c.id, addr: c.addr, name: c.name, cmd: c.cmd, ageSec: c.age, idleSec: c.idle }))
    .sort((a, b) => a.idleSec - b.idleSec);
}

export function scriptCallStats(stats: readonly CommandStat[]): CommandStat[] {
  return stats.filter((s) => SCRIPT_COMMANDS.includes(s.command));
}

export function busyFindings(node: string, kind: BusyKind, running: RunningScript | null): Finding[] {
  const evidence: Finding["evidence"] = {
    node,
    kind,
    killWith: killCommand(kind) ?? "none (module)",
    durationMs: running ? running.durationMs : "unknown (Redis does not expose a running EVAL's age)",
  };
  if (running) {
    evidence.script = running.name;
    evidence.command = running.command.join(" ");
  }
  return [...ruleFindings(["lua.busy"], { "server.busy_script": 1 }, evidence), ...runningFindings(node, running)];
}

export function runningFindings(node: string, running: RunningScript | null): Finding[] {
  if (!running) return [];
  return [
    {
      code: "lua.script-running",
      severity: "warning",
      message: `Function ${running.name} has been running for ${running.durationMs} ms (${running.command.join(" ")})`,
      evidence: { node, script: running.name, command: running.command.join(" "), durationMs: running.durationMs },
    },
  ];
}

export function thresholdFindings(node: string, threshold: ScriptThreshold): Finding[] {
  if (threshold.ms === null) return [];
  return ruleFindings(["lua.threshold-high"], { "lua.busy_reply_threshold_ms": threshold.ms }, { node, name: threshold.name ?? "" });
}
