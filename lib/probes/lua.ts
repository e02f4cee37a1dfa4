// Probe: is a script or function blocking the server? Asked on the RESERVED connection first, since
// the probe connection may be stuck behind the script: a `-BUSY` reply to PING is the signal. While
// busy it reads only what Redis still answers (FUNCTION STATS, for functions); otherwise the
// threshold under the name the server knows (CORRECTIONS #4), script counts and call statistics,
// slow scripts in the slowlog and the clients whose last command was a script. It never kills.
import "server-only";
import { z } from "zod";
import { parseClientList } from "@/lib/parse/client-list";
import { infoNumber } from "@/lib/parse/info";
import { parseSlowlog } from "@/lib/parse/slowlog";
import { RedisFailure } from "@/lib/redis/classify";
import type { CommandRunner } from "@/lib/redis/command-runner";
import type { CommandStat } from "@/lib/parse/info";
import type { Finding } from "./finding";
import {
  ACCEPTED_WHILE_BUSY,
  REFUSED_WHILE_BUSY,
  SCRIPT_COMMANDS,
  busyFindings,
  busyKind,
  killCommand,
  parseRunningScript,
  runningFindings,
  scriptCallStats,
  scriptClients,
  scriptThreshold,
  thresholdFindings,
  type BusyKind,
  type RunningScript,
  type ScriptClientRow,
  type ScriptThreshold,
} from "./lua-analysis";
import { defineProbe } from "./probe";
import { atNode, mergeByCode } from "./probe-findings";
import { readConfig, readInfo, throwIfAllFailed } from "./probe-support";
import { slowlogRows, type SlowlogRow } from "./slowlog-analysis";

export interface LuaNodeRow {
  node: string;
  busy: boolean;
  busyKind: BusyKind | null;
  busyMessage: string | null;
  /** The emergency command that applies; the probe never sends it. */
  killWith: string | null;
  /** PING on the reserved connection. */
  reservedPingMs: number;
  runningScript: RunningScript | null;
  threshold: ScriptThreshold | null;
  cachedScripts: number | null;
  functions: number | null;
  libraries: number | null;
  scriptCalls: CommandStat[];
  /** INFO errorstats errorstat_BUSY: commands refused with BUSY since start. */
  busyErrors: number | null;
  slowScripts: SlowlogRow[];
  scriptClients: ScriptClientRow[];
  /** What could and could not be read, and why. */
  unreadable: Array<{ what: string; reason: string }>;
  error?: { code: string; message: string };
}

export interface LuaData {
  summary: { nodes: number; busy: number; runningScripts: number };
  rows: LuaNodeRow[];
  /** What redis-server answers while busy: the engineer's options. */
  whileBusy: { accepts: string[]; refuses: string[] };
}

const SLOWLOG_FETCH = "128";

async function attempt<T>(unreadable: LuaNodeRow["unreadable"], what: string, fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch (err) {
    if (!(err instanceof RedisFailure)) throw err;
    unreadable.push({ what, reason: err.message });
    return undefined;
  }
}

function emptyRow(node: string, pingMs: number): LuaNodeRow {
  return {
    node, busy: false, busyKind: null, busyMessage: null, killWith: null, reservedPingMs: pingMs, runningScript: null, threshold: null,
    cachedScripts: null, functions: null, libraries: null, scriptCalls: [], busyErrors: null, slowScripts: [], scriptClients: [], unreadable: [],
  };
}

async function busyRow(reserved: CommandRunner, node: string, pingMs: number, message: string): Promise<{ row: LuaNodeRow; findings: Finding[] }> {
  const row = emptyRow(node, pingMs);
  const kind = busyKind(message);
  // Answers only while a function runs (allow-busy); during EVAL it is BUSY as well.
  const stats = await attempt(row.unreadable, "FUNCTION STATS", () => reserved.call(["FUNCTION", "STATS"]));
  const running = stats === undefined ? null : parseRunningScript(stats);
  for (const what of ["INFO", "CONFIG GET busy-reply-threshold", "CLIENT LIST", "SLOWLOG GET"]) row.unreadable.push({ what, reason: "refused while busy (-BUSY)" });
  Object.assign(row, { busy: true, busyKind: kind, busyMessage: message, killWith: killCommand(kind), runningScript: running });
  return { row, findings: busyFindings(node, kind, running) };
}

async function idleRow(runner: CommandRunner, node: string, pingMs: number): Promise<{ row: LuaNodeRow; findings: Finding[] }> {
  const row = emptyRow(node, pingMs);
  const { config, error } = await readConfig(runner, ["busy-reply-threshold", "lua-time-limit"]);
  if (error) row.unreadable.push({ what: "CONFIG GET busy-reply-threshold", reason: error });
  row.threshold = scriptThreshold(config);
  const info = await readInfo(runner, ["memory", "commandstats", "errorstats"]);
  row.cachedScripts = infoNumber(info, "number_of_cached_scripts") ?? null;
  row.functions = infoNumber(info, "number_of_functions") ?? null;
  row.libraries = infoNumber(info, "number_of_libraries") ?? null;
  row.scriptCalls = scriptCallStats(info.commandstats);
  row.busyErrors = info.errorstats.BUSY ?? null;
  // FUNCTION STATS exists from 7.0; older servers answer "unknown command".
  const stats = await attempt(row.unreadable, "FUNCTION STATS", () => runner.call(["FUNCTION", "STATS"]));
  row.runningScript = stats === undefined ? null : parseRunningScript(stats);
  const clients = await attempt(row.unreadable, "CLIENT LIST", () => runner.call(["CLIENT", "LIST"]));
  row.scriptClients = clients === undefined ? [] : scriptClients(parseClientList(clients));
  const slowlog = await attempt(row.unreadable, "SLOWLOG GET", () => runner.call(["SLOWLOG", "GET", SLOWLOG_FETCH]));
  row.slowScripts = slowlog === undefined ? [] : slowlogRows(node, parseSlowlog(slowlog)).filter((r) => SCRIPT_COMMANDS.includes(r.command.toLowerCase()));
  return { row, findings: [...thresholdFindings(node, row.threshold), ...runningFindings(node, row.runningScript)] };
}

export const luaProbe = defineProbe({
  id: "lua",
  title: "Lua scripts and functions",
  description: "Whether a script or function is blocking the server (asked on the reserved connection), the busy threshold, and script statistics.",
  cost: "O(1)",
  redisCli: "redis-cli PING   # -BUSY = a script is running; then redis-cli FUNCTION STATS && redis-cli CONFIG GET busy-reply-threshold",
  params: z.object({}).strict(),
  async run(ctx) {
    const outcomes = await ctx.forEachNode(async (runner, node) => {
      const reserved = ctx.reserved(node);
      const t0 = performance.now();
      let busyMessage: string | undefined;
      try {
        await reserved.call(["PING"]);
      } catch (err) {
        // A timeout here is the node not answering at all (a script still under the threshold, or a
        // frozen process): it is the node's error, reported as such.
        if (!(err instanceof RedisFailure) || err.code !== "redis_busy_script") throw err;
        busyMessage = err.message;
      }
      const pingMs = Math.round((performance.now() - t0) * 1000) / 1000;
      const { row, findings } = busyMessage !== undefined ? await busyRow(reserved, node.address, pingMs, busyMessage) : await idleRow(runner, node.address, pingMs);
      return { row, findings: atNode(findings, node.address) };
    });
    throwIfAllFailed(outcomes);
    const rows = outcomes.map((o) => o.value?.row ?? { ...emptyRow(o.node.address, 0), error: o.error });
    const data: LuaData = {
      summary: { nodes: rows.length, busy: rows.filter((r) => r.busy).length, runningScripts: rows.filter((r) => r.runningScript).length },
      rows,
      whileBusy: { accepts: ACCEPTED_WHILE_BUSY, refuses: REFUSED_WHILE_BUSY },
    };
    return { data, findings: mergeByCode(outcomes.flatMap((o) => o.value?.findings ?? [])), partial: outcomes.some((o) => o.error) };
  },
});
