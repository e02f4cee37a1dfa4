// The split-brain scenario on a real cluster: while partitioned, the isolated master and the
// majority both claim the same slots in their own CLUSTER NODES; the isolated one accepted writes
// only until cluster-node-timeout; after the heal it is a replica and those writes are gone; stop()
// leaves no process, dir or nftables table. Skipped (never faked) where nftables is unavailable.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { labCommand, stopAll, trackedPids } from "@/lib/lab";
import { parseClusterNodes } from "@/lib/parse/cluster-nodes";
import type { RunningSplitBrain } from "./split-brain";
import { splitBrainScenario } from "./split-brain";
import { labNftTables } from "./support/nft-bus-partition";
import { labProcessesSince, waitAllGone, type LabProcess } from "./support/scenario-processes";

const NODE_TIMEOUT_MS = 2_000;
const unavailable = await splitBrainScenario.unavailableReason();

function field(info: unknown, name: string): string | undefined {
  return new RegExp(`^${name}:(.*?)\\r?$`, "m").exec(String(info))?.[1];
}

describe.skipIf(unavailable !== null)("split-brain scenario", () => {
  let running: RunningSplitBrain;
  let procs: LabProcess[];
  let startMs = 0;

  beforeAll(async () => {
    const before = trackedPids();
    const t = Date.now();
    running = await splitBrainScenario.start({ size: "small", nodeTimeoutMs: NODE_TIMEOUT_MS });
    startMs = Date.now() - t;
    procs = labProcessesSince(before);
  }, 60_000);

  afterAll(() => stopAll());

  it("has two nodes claiming the same slots, each in its own CLUSTER NODES view", async () => {
    console.log(`split-brain started in ${startMs} ms`, running.notes);
    const { isolated, promoted, slots } = running.state;
    const slot = slots[0][0];
    const own = (view: ReturnType<typeof parseClusterNodes>, id: string) =>
      view.find((n) => n.id === id && n.role === "master" && n.slots.some(([a, b]) => slot >= a && slot <= b));

    const isolatedView = parseClusterNodes(await labCommand(isolated, ["CLUSTER", "NODES"]));
    expect(own(isolatedView, isolated.id)?.myself).toBe(true);
    const majorityView = parseClusterNodes(await labCommand(running.instances[0], ["CLUSTER", "NODES"]));
    expect(own(majorityView, promoted!.id)).toBeDefined();
    expect(majorityView.find((n) => n.id === isolated.id)?.failing).toBe("fail");

    expect(field(await labCommand(isolated, ["CLUSTER", "INFO"]), "cluster_state")).toBe("fail");
    expect(field(await labCommand(running.instances[0], ["CLUSTER", "INFO"]), "cluster_state")).toBe("ok");
  }, 10_000);

  it("let the isolated master acknowledge writes only until the node timeout, then refuse them", async () => {
    const { isolatedWrites, partitionedAt, isolated } = running.state;
    expect(isolatedWrites.acceptedSinceMark).toBeGreaterThan(0);
    expect(isolatedWrites.lastAcceptedAt! - partitionedAt).toBeLessThanOrEqual(NODE_TIMEOUT_MS + 1_500);
    expect(isolatedWrites.firstRefusal).toMatch(/^CLUSTERDOWN/);
    await expect(labCommand(isolated, ["SET", "order:{t0}:probe", "1"])).rejects.toThrow(/CLUSTERDOWN The cluster is down/);
  }, 10_000);

  it("on heal, rejoins the old master as a replica and loses its writes from the partition", async () => {
    const healed = await running.heal();
    console.log("heal", healed);
    expect(healed.checked).toBeGreaterThan(0);
    expect(healed.lost).toBe(healed.checked);
    expect(await labNftTables()).not.toContain(running.state.nftTable);

    const { isolated, promoted } = running.state;
    const self = parseClusterNodes(await labCommand(isolated, ["CLUSTER", "NODES"])).find((n) => n.myself);
    expect(self?.role).toBe("replica");
    expect(self?.masterId).toBe(promoted!.id);
    const lost = healed.sample[0];
    expect(await labCommand(promoted!, ["GET", lost.key])).not.toBe(lost.acknowledged);
  }, 40_000);

  it("stop() leaves no process, dir or nftables table", async () => {
    expect(procs).toHaveLength(6);
    await running.stop();
    await waitAllGone(procs);
    expect(await labNftTables()).not.toContain(running.state.nftTable);
  }, 20_000);
});
