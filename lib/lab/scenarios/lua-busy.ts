// Incident 4, a Lua script that never ends: Redis runs scripts on its only thread, so once a script
// passes busy-reply-threshold every other command (PING included) is answered with BUSY. A
// read-only script can be stopped with SCRIPT KILL (FUNCTION KILL for a function); one that wrote
// first cannot ("UNKILLABLE"), and only SHUTDOWN NOSAVE or killing the process ends it.
import "server-only";
import { labCommand } from "../lab-client";
import { waitUntil } from "../wait-until";
import type { Scenario, ScenarioStartOptions } from "./scenario";
import { runLuaInChunks } from "./support/lua-chunks";
import { startSteadyTraffic } from "./support/steady-traffic";
import { launchStandalone, orStop, secondsSince, toRunning, type StandaloneRun } from "./support/standalone-run";

export interface LuaBusyOptions extends ScenarioStartOptions {
  /** busy-reply-threshold (formerly lua-time-limit) in ms. Default 1000 (Redis's default is 5000). */
  busyThresholdMs?: number;
  /** The script writes `key` before looping, which makes it unkillable. Default false. */
  writeFirst?: boolean;
  /** Key the script writes with writeFirst. Default "migration:cursor". */
  key?: string;
  /** EVAL of a script, or FCALL of a function (then FUNCTION KILL instead of SCRIPT KILL). Default "eval". */
  via?: "eval" | "function";
  /** Application clients that get BUSY replies, ops/s over 4 clients. Default 40. */
  trafficOpsPerSec?: number;
}

const LIBRARY = "labmigration";
const FUNCTION = "wait_for_drain";

/** The reference's bug: a loop whose exit condition never becomes true. */
function scriptBody(writeFirst: boolean, keysVar: string): string {
  return `${writeFirst ? `redis.call('SET', ${keysVar}[1], '1') ` : ""}while true do end`;
}

const FILL_ORDERS = `
local first, count = tonumber(ARGV[1]), tonumber(ARGV[2])
for i = first, first + count - 1 do
  redis.call("SET", "order:" .. i, '{"id":' .. i .. ',"amount":' .. (i % 500) .. '.00,"state":"paid"}')
end
return count`;

/** Ends a script that never returns: SCRIPT/FUNCTION KILL, and SHUTDOWN NOSAVE when it is unkillable. */
async function endScript(run: StandaloneRun, via: "eval" | "function"): Promise<void> {
  const quick = { connectTimeoutMs: 1_000, commandTimeoutMs: 2_000 };
  try {
    await labCommand(run.node, via === "eval" ? ["SCRIPT", "KILL"] : ["FUNCTION", "KILL"], quick);
  } catch (err) {
    if (!/UNKILLABLE/.test((err as Error).message)) return; // NOTBUSY: already over
    // The server's own way out (data since the last save is lost); the reply is the closed socket.
    await labCommand(run.node, ["SHUTDOWN", "NOSAVE"], quick).catch(() => {});
  }
}

export const luaBusyScenario: Scenario<LuaBusyOptions> = {
  id: "lua-busy",
  title: "Lua script never ends",
  description:
    "A deployment runs a Lua script (or function) whose loop never exits. Past busy-reply-threshold every other " +
    "client, PING included, gets BUSY replies while the server burns one core. SCRIPT KILL ends a read-only script; " +
    "with writeFirst the script wrote before looping and SCRIPT KILL answers UNKILLABLE.",
  unavailableReason: async () => null,
  async start(opts = {}) {
    const thresholdMs = opts.busyThresholdMs ?? 1_000;
    const writeFirst = opts.writeFirst ?? false;
    const key = opts.key ?? "migration:cursor";
    const via = opts.via ?? "eval";
    const trafficOps = opts.trafficOpsPerSec ?? 40;
    const t0 = Date.now();

    const run = await launchStandalone("lua-busy", opts, ["--busy-reply-threshold", String(thresholdMs)]);
    return orStop(run, async () => {
      await runLuaInChunks(run.load.client(), FILL_ORDERS, { total: 10_000, chunk: 10_000 });
      startSteadyTraffic(run.load, {
        clients: 4,
        opsPerSec: trafficOps,
        keyCount: 10_000,
        keyOf: (n) => `order:${n}`,
        writeEvery: 5,
        value: '{"state":"shipped"}',
      });

      // The script's own connection waits as long as the script runs: no command timeout.
      const scripter = run.load.client({ commandTimeoutMs: 0 });
      const keys = writeFirst ? [key] : [];
      let command: string;
      if (via === "function") {
        const code = `#!lua name=${LIBRARY}\nredis.register_function('${FUNCTION}', function(keys, args) ${scriptBody(writeFirst, "keys")} end)`;
        await scripter.call("FUNCTION", "LOAD", "REPLACE", code);
        command = `FCALL ${FUNCTION} ${keys.length}${keys.map((k) => " " + k).join("")}`;
        void run.load.task(async () => void (await scripter.call("FCALL", FUNCTION, keys.length, ...keys)));
      } else {
        const script = scriptBody(writeFirst, "KEYS");
        command = `EVAL "${script}" ${keys.length}${keys.map((k) => " " + k).join("")}`;
        void run.load.task(async () => void (await scripter.call("EVAL", script, keys.length, ...keys)));
      }
      run.beforeStop = () => endScript(run, via);

      await waitUntil(
        async () => {
          try {
            return `PING answered ${String(await labCommand(run.node, ["PING"]))}`;
          } catch (err) {
            const message = (err as Error).message;
            return /^BUSY/.test(message) || message;
          }
        },
        { timeoutMs: thresholdMs + 15_000, intervalMs: 100, what: "PING to be answered BUSY" },
      );
      return toRunning("lua-busy", run, [
        `busy-reply-threshold ${thresholdMs} ms; 10,000 order:<n> keys read and written by 4 clients at ~${trafficOps} ops/s`,
        `a client runs ${command}${writeFirst ? ` (it writes ${key} first, so ${via === "eval" ? "SCRIPT" : "FUNCTION"} KILL answers UNKILLABLE)` : ""}`,
        `PING answered BUSY after ${secondsSince(t0)}; stop() ends it with ${writeFirst ? "SHUTDOWN NOSAVE" : `${via === "eval" ? "SCRIPT" : "FUNCTION"} KILL`}`,
      ]);
    });
  },
};
