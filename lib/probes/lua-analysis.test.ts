import { describe, expect, it } from "vitest";
import { parseClientList } from "@/lib/parse/client-list";
import { parseInfo } from "@/lib/parse/info";
import { ruleById } from "./probe-findings";
import { busyFindings, busyKind, killCommand, parseRunningScript, scriptCallStats, scriptClients, scriptThreshold, thresholdFindings } from "./lua-analysis";

// Captured from redis-server 7.0.15.
const EVAL_BUSY = "BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.";
const FCALL_BUSY = "BUSY Redis is busy running a script. You can only call FUNCTION KILL or SHUTDOWN NOSAVE.";
const STATS_RUNNING = ["running_script", ["name", "spin", "command", ["FCALL", "spin", "0"], "duration_ms", 631], "engines", ["LUA", ["libraries_count", 1, "functions_count", 1]]];
const STATS_IDLE = ["running_script", null, "engines", ["LUA", ["libraries_count", 0, "functions_count", 0]]];

describe("BUSY replies", () => {
  it("tell a script from a function, and so which KILL applies", () => {
    expect(busyKind(EVAL_BUSY)).toBe("script");
    expect(busyKind(FCALL_BUSY)).toBe("function");
    expect(busyKind("BUSY Redis is busy running a module command.")).toBe("module");
    expect(killCommand("script")).toBe("SCRIPT KILL");
    expect(killCommand("function")).toBe("FUNCTION KILL");
    expect(killCommand("module")).toBeNull();
  });

  it("give lua.busy from the rule table, with the function's name and age when FUNCTION STATS answered", () => {
    const running = parseRunningScript(STATS_RUNNING);
    expect(running).toEqual({ name: "spin", command: ["FCALL", "spin", "0"], durationMs: 631 });
    const f = busyFindings("n:1", "function", running);
    expect(f.map((x) => [x.code, x.severity])).toEqual([["lua.busy", "critical"], ["lua.script-running", "warning"]]);
    expect(f[0]!.evidence).toMatchObject({ node: "n:1", killWith: "FUNCTION KILL", script: "spin", durationMs: 631, rule: "busy-script" });
    const evalBusy = busyFindings("n:1", "script", null);
    expect(evalBusy).toHaveLength(1);
    expect(String(evalBusy[0]!.evidence.durationMs)).toMatch(/unknown/);
  });

  it("reads an idle FUNCTION STATS as nothing running", () => {
    expect(parseRunningScript(STATS_IDLE)).toBeNull();
    expect(parseRunningScript(null)).toBeNull();
  });
});

describe("the threshold", () => {
  it("goes by busy-reply-threshold on 7.0+, lua-time-limit before (CORRECTIONS #4)", () => {
    expect(scriptThreshold({ "busy-reply-threshold": "5000", "lua-time-limit": "5000" })).toEqual({ name: "busy-reply-threshold", ms: 5000, values: { "busy-reply-threshold": "5000", "lua-time-limit": "5000" } });
    expect(scriptThreshold({ "lua-time-limit": "8000" })).toMatchObject({ name: "lua-time-limit", ms: 8000 });
    expect(scriptThreshold({})).toEqual({ name: null, ms: null, values: {} });
  });

  it("is info when above the rule's threshold", () => {
    const limit = ruleById("lua-threshold-high").threshold;
    expect(thresholdFindings("n", scriptThreshold({ "busy-reply-threshold": String(limit) }))).toEqual([]);
    expect(thresholdFindings("n", scriptThreshold({ "busy-reply-threshold": String(limit + 1) }))).toMatchObject([{ code: "lua.threshold-high", severity: "info", evidence: { name: "busy-reply-threshold" } }]);
  });
});

describe("script statistics", () => {
  it("keeps the script commands of commandstats", () => {
    const info = parseInfo("cmdstat_eval:calls=2,usec=1224907,usec_per_call=612453.50,rejected_calls=0,failed_calls=1\r\ncmdstat_get:calls=2,usec=12,usec_per_call=6.00\r\ncmdstat_fcall:calls=1,usec=683327,usec_per_call=683327.00,rejected_calls=0,failed_calls=1\r\n");
    expect(scriptCallStats(info.commandstats).map((s) => s.command)).toEqual(["eval", "fcall"]);
  });

  it("lists clients whose last command was a script, without Redline's own", () => {
    const clients = parseClientList(
      "id=5 addr=127.0.0.1:1 laddr=x fd=8 name=worker age=30 idle=2 flags=N db=0 cmd=evalsha user=default\n" +
        "id=6 addr=127.0.0.1:2 laddr=x fd=9 name=redline:probe age=30 idle=0 flags=N db=0 cmd=eval user=default\n" +
        "id=7 addr=127.0.0.1:3 laddr=x fd=10 name= age=3 idle=0 flags=N db=0 cmd=get user=default\n",
    );
    expect(scriptClients(clients)).toEqual([{ id: 5, addr: "127.0.0.1:1", name: "worker", cmd: "evalsha", ageSec: 30, idleSec: 2 }]);
  });
});
