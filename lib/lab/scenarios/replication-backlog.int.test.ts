// The replication-backlog scenario on a real master + replica: each stall of the replica ends in a
// full resync because its offset fell out of the 1 MB backlog (sync_full and sync_partial_err grow
// on the master), the write stream keeps going, and stop() leaves nothing behind.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { labCommand, sleep, stopAll, trackedPids } from "@/lib/lab";
import type { RunningReplicationBacklog } from "./replication-backlog";
import { replicationBacklogScenario } from "./replication-backlog";
import { labProcessesSince, waitAllGone, type LabProcess } from "./support/scenario-processes";

function field(info: unknown, name: string): number {
  return Number(new RegExp(`^${name}:(.*?)\\r?$`, "m").exec(String(info))?.[1]);
}

describe("replication-backlog scenario", () => {
  let running: RunningReplicationBacklog;
  let procs: LabProcess[];
  let startMs = 0;

  beforeAll(async () => {
    const before = trackedPids();
    const t = Date.now();
    running = await replicationBacklogScenario.start({ size: "small" });
    startMs = Date.now() - t;
    procs = labProcessesSince(before);
  }, 60_000);

  afterAll(() => stopAll());

  it("counts full resyncs and refused partial resyncs on the master", async () => {
    console.log(`replication-backlog started in ${startMs} ms`, running.notes);
    const master = running.instances[0];
    const stats = await labCommand(master, ["INFO", "stats"]);
    expect(field(stats, "sync_full")).toBeGreaterThanOrEqual(2);
    expect(field(stats, "sync_partial_err")).toBeGreaterThanOrEqual(1);
    const repl = await labCommand(master, ["INFO", "replication"]);
    expect(field(repl, "repl_backlog_size")).toBe(1_048_576);
    expect(field(repl, "connected_slaves")).toBe(1);

    const full = running.cutoffs.find((c) => c.resync === "full");
    expect(full?.droppedBy).toBe("repl-timeout");
    expect(full?.gapBytes).toBeGreaterThan(1_048_576);
  }, 10_000);

  it("keeps the write stream going: master_repl_offset grows by about 2 MB/s", async () => {
    const master = running.instances[0];
    const offset = async () => field(await labCommand(master, ["INFO", "replication"]), "master_repl_offset");
    const first = await offset();
    await sleep(1_000);
    expect((await offset()) - first).toBeGreaterThan(1_000_000);
  }, 10_000);

  it("stop() leaves no process and no dir", async () => {
    expect(procs).toHaveLength(2);
    await running.stop();
    await waitAllGone(procs);
  }, 20_000);
});
