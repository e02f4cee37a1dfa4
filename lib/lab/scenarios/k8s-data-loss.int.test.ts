// The k8s-data-loss scenario on a real redis-server: the same address answers with a new run_id,
// a reset uptime, rdb_last_load_keys_loaded:0 and an (almost) empty keyspace after the restart,
// the applications write again, and stop() leaves no process behind (neither the old nor the new).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { labCommand, sleep, stopAll, trackedPids } from "@/lib/lab";
import type { RunningK8sDataLoss } from "./k8s-data-loss";
import { k8sDataLossScenario } from "./k8s-data-loss";
import { labProcessesSince, waitAllGone, type LabProcess } from "./support/scenario-processes";

function field(info: unknown, name: string): string | undefined {
  return new RegExp(`^${name}:(.*?)\\r?$`, "m").exec(String(info))?.[1];
}

describe("k8s-data-loss scenario", () => {
  let running: RunningK8sDataLoss;
  let procs: LabProcess[];
  let pidsBefore: number[];
  let startMs = 0;

  beforeAll(async () => {
    pidsBefore = trackedPids();
    const t = Date.now();
    // As in the demo: registered (here: looked at) before the restart, which follows 3 s later.
    running = await k8sDataLossScenario.start({ size: "small", restartAfterMs: 3_000 });
    startMs = Date.now() - t;
    procs = labProcessesSince(pidsBefore);
  }, 60_000);

  afterAll(() => stopAll());

  it("serves 20,000 keys with persistence on before the restart", async () => {
    const node = running.instances[0];
    expect(await labCommand(node, ["DBSIZE"])).toBeGreaterThanOrEqual(20_000);
    expect(await labCommand(node, ["CONFIG", "GET", "save"])).toEqual(["save", "900 1 300 10 60 10000"]);
    expect(field(await labCommand(node, ["INFO", "persistence"]), "rdb_last_bgsave_status")).toBe("ok");
  }, 10_000);

  it("answers on the same address with a new run_id, reset uptime and an empty keyspace", async () => {
    const node = running.instances[0];
    const runIdBefore = field(await labCommand(node, ["INFO", "server"]), "run_id");
    await running.restarted;
    console.log(`k8s-data-loss start() returned in ${startMs} ms`, running.notes);
    procs.push(...labProcessesSince([...pidsBefore, ...procs.map((p) => p.pid)]));

    const server = await labCommand(node, ["INFO", "server"]);
    expect(field(server, "run_id")).not.toBe(runIdBefore);
    expect(Number(field(server, "uptime_in_seconds"))).toBeLessThan(running.before.uptimeSec);
    expect(running.before.uptimeSec).toBeGreaterThanOrEqual(2);
    expect(field(await labCommand(node, ["INFO", "persistence"]), "rdb_last_load_keys_loaded")).toBe("0");
    expect(await labCommand(node, ["DBSIZE"])).toBeLessThan(200);
    expect(await labCommand(node, ["CONFIG", "GET", "save"])).toEqual(["save", "900 1 300 10 60 10000"]);
  }, 20_000);

  it("gets application writes again after the restart", async () => {
    const node = running.instances[0];
    const first = Number(await labCommand(node, ["DBSIZE"]));
    await sleep(1_000);
    expect(Number(await labCommand(node, ["DBSIZE"]))).toBeGreaterThan(first);
    expect(await labCommand(node, ["GET", "user:1"])).toBeNull();
  }, 10_000);

  it("stop() leaves no process and no dir", async () => {
    expect(procs).toHaveLength(2);
    await running.stop();
    await waitAllGone(procs);
  }, 20_000);
});

describe("k8s-data-loss scenario, default restartAfterMs 0", () => {
  afterAll(() => stopAll());

  it("returns from start() only once the empty server answers", async () => {
    const before = trackedPids();
    const t = Date.now();
    const running = await k8sDataLossScenario.start({ size: "small", persistence: "aof" });
    console.log(`k8s-data-loss (restart at once) started in ${Date.now() - t} ms`);
    expect(running.after?.runId).not.toBe(running.before.runId);
    expect(running.before.keys).toBeGreaterThanOrEqual(20_000);
    expect(await labCommand(running.instances[0], ["DBSIZE"])).toBeLessThan(200);
    expect(await labCommand(running.instances[0], ["CONFIG", "GET", "appendonly"])).toEqual(["appendonly", "yes"]);
    const procs = labProcessesSince(before);
    await running.stop();
    await waitAllGone(procs);
  }, 30_000);
});
