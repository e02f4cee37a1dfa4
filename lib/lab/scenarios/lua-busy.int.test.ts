// The lua-busy scenario on a real redis-server: PING answered BUSY, the server spinning on one core,
// SCRIPT KILL answering UNKILLABLE once the script wrote (OK before), and stop() ending it anyway,
// leaving no process or dir behind.
import fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { labCommand, sleep, stopAll, trackedPids, waitUntil } from "@/lib/lab";
import type { RunningScenario } from "./scenario";
import { luaBusyScenario, type LuaBusyOptions } from "./lua-busy";
import { labProcessesSince, waitAllGone, type LabProcess } from "./support/scenario-processes";

afterAll(() => stopAll());

async function start(opts: LuaBusyOptions): Promise<{ running: RunningScenario; procs: LabProcess[] }> {
  const before = trackedPids();
  const t = Date.now();
  const running = await luaBusyScenario.start({ size: "small", ...opts });
  console.log(`lua-busy ${JSON.stringify(opts)} started in ${Date.now() - t} ms`, running.notes);
  return { running, procs: labProcessesSince(before) };
}

/** Scheduler state letter and user + system CPU seconds of a process (Linux /proc; ticks of 1/100 s). */
function procStat(pid: number): { state: string; cpu: number } {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return { state: fields[0], cpu: (Number(fields[11]) + Number(fields[12])) / 100 };
}

describe("lua-busy scenario, script that wrote first", () => {
  it("answers PING with BUSY, spins a core, refuses SCRIPT KILL as UNKILLABLE, and stop() still ends it", async () => {
    const { running, procs } = await start({ writeFirst: true });
    const endpoint = running.instances[0];
    await expect(labCommand(endpoint, ["PING"])).rejects.toThrow(/^BUSY/);
    // Spinning: always runnable (R), where an idle server sleeps in epoll (S). The state, unlike the
    // CPU share, does not depend on how busy the machine's other processes keep the cores.
    const cpu0 = procStat(procs[0].pid).cpu;
    const states: string[] = [];
    for (let i = 0; i < 10; i++) {
      states.push(procStat(procs[0].pid).state);
      await sleep(100);
    }
    expect(states.filter((s) => s === "R").length).toBeGreaterThanOrEqual(9);
    expect(procStat(procs[0].pid).cpu - cpu0).toBeGreaterThan(0.1);
    await expect(labCommand(endpoint, ["SCRIPT", "KILL"])).rejects.toThrow(/UNKILLABLE/);
    await expect(labCommand(endpoint, ["GET", "order:1"])).rejects.toThrow(/^BUSY/);

    await running.stop();
    await waitAllGone(procs);
  }, 30_000);
});

describe("lua-busy scenario, read-only script", () => {
  it("is BUSY until SCRIPT KILL, which works; stop() leaves nothing behind", async () => {
    const { running, procs } = await start({});
    const endpoint = running.instances[0];
    await expect(labCommand(endpoint, ["PING"])).rejects.toThrow(/^BUSY/);
    expect(await labCommand(endpoint, ["SCRIPT", "KILL"])).toBe("OK");
    await waitUntil(async () => (await labCommand(endpoint, ["PING"])) === "PONG" || "not PONG", { timeoutMs: 3_000, what: "PONG" });

    await running.stop();
    await waitAllGone(procs);
  }, 30_000);
});

describe("lua-busy scenario, function that wrote first", () => {
  it("refuses FUNCTION KILL as UNKILLABLE; stop() ends it", async () => {
    const { running, procs } = await start({ via: "function", writeFirst: true, key: "inventory:migration" });
    const endpoint = running.instances[0];
    await expect(labCommand(endpoint, ["PING"])).rejects.toThrow(/^BUSY/);
    await expect(labCommand(endpoint, ["FUNCTION", "KILL"])).rejects.toThrow(/UNKILLABLE/);

    await running.stop();
    await waitAllGone(procs);
  }, 30_000);
});
