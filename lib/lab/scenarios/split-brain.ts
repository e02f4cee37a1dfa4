// Incident 5, cluster split brain: one master of a 3-master/3-replica cluster loses the cluster
// bus (nftables, as root) while an application keeps writing orders straight to it. The majority
// promotes its replica, so two nodes claim the same slots, each in its own CLUSTER NODES view.
// The isolated master acknowledges writes only until cluster-node-timeout passes (then it answers
// CLUSTERDOWN: CORRECTIONS #5), and on heal it rejoins as a replica of the promoted node and
// those acknowledged writes are gone. Where nftables cannot be used the scenario is unavailable.
import "server-only";
import { startCluster, type Topology } from "../topologies";
import type { RedisProcess } from "../redis-process";
import { labCommand, type LabEndpoint } from "../lab-client";
import { waitUntil } from "../wait-until";
import type { RunningScenario, Scenario, ScenarioInstance, ScenarioStartOptions } from "./scenario";
import { claimedOwner, clusterView, hashTagsInSlots, myself, type SlotRanges } from "./support/cluster-claims";
import { LoadGroup } from "./support/load-group";
import { nftUnavailableReason, partitionClusterBus, type BusPartition } from "./support/nft-bus-partition";
import { startOrderWriter, type OrderWriter } from "./support/order-writer";
import { checkLostWrites, type LostWritesReport } from "./support/lost-writes";

export interface SplitBrainOptions extends ScenarioStartOptions {
  /** cluster-node-timeout; the dual-write window and the failover scale with it. Default 2000 ms. */
  nodeTimeoutMs?: number;
  /** Orders/s the application writes to the isolated master. Default 50 small, 200 large. */
  writeRate?: number;
  /** Which master to cut off, in port order (0–2). Default 0. */
  isolate?: number;
  /** Key prefix of the orders: `<prefix>:{tag}:<id>`. Default "order". */
  keyPrefix?: string;
  /** Heal by itself (healAfterMs after the split); default false: partitioned until heal() or stop(). */
  heal?: boolean;
  healAfterMs?: number;
  /** Once the replica is promoted, a second application writes the same order ids to it. Default true. */
  majorityWrites?: boolean;
  /** Give up waiting for the failover after this long. Default 30 s. */
  splitTimeoutMs?: number;
}

export interface SplitBrainState {
  isolated: { host: string; port: number; id: string };
  promoted?: { host: string; port: number; id: string };
  slots: SlotRanges;
  nftTable: string;
  partitionedAt: number;
  /** Milliseconds from the cut until the majority's view named the promoted replica master. */
  failoverMs?: number;
  /** Live counters of the application stuck on the isolated master. */
  isolatedWrites: OrderWriter["stats"];
  healed?: SplitBrainHeal;
}

export interface SplitBrainHeal extends LostWritesReport {
  /** From nft table deletion to the old master being a synced replica of the promoted one. */
  rejoinMs: number;
}

export interface RunningSplitBrain extends RunningScenario {
  state: SplitBrainState;
  /** Deletes the nftables table, waits for the old master to rejoin as a replica, counts lost writes. Idempotent. */
  heal(): Promise<SplitBrainHeal>;
}

const CLUSTER_READY_MS = 30_000;
const REJOIN_TIMEOUT_MS = 30_000;
const WARMUP_MS = 1_000;

export const splitBrainScenario: Omit<Scenario<SplitBrainOptions>, "start"> & {
  start(options?: SplitBrainOptions): Promise<RunningSplitBrain>;
} = {
  id: "split-brain",
  title: "Cluster split brain: an isolated master keeps accepting writes that are lost on heal",
  description:
    "A 3-master/3-replica cluster with a short cluster-node-timeout. One master is cut off the cluster bus with nftables " +
    "(its clients still reach it) while an application writes orders straight to it. The majority fails it over to its " +
    "replica, so two nodes claim the same slots; the isolated master accepts writes until the node timeout, then answers " +
    "CLUSTERDOWN. On heal it rejoins as a replica and its writes from the partition are lost.",
  unavailableReason: nftUnavailableReason,
  start: startSplitBrain,
};

async function startSplitBrain(opts: SplitBrainOptions = {}): Promise<RunningSplitBrain> {
  const unavailable = await nftUnavailableReason();
  if (unavailable) throw new Error(`split-brain is unavailable here: ${unavailable}`);
  const nodeTimeoutMs = opts.nodeTimeoutMs ?? 2_000;
  const writeRate = opts.writeRate ?? (opts.size === "large" ? 200 : 50);
  const topology = await startCluster({ nodeTimeoutMs, password: opts.password, timeoutMs: CLUSTER_READY_MS });
  const groups: LoadGroup[] = [];
  let partition: BusPartition | undefined;
  let healTimer: NodeJS.Timeout | undefined;
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      clearTimeout(healTimer);
      // The network first: a table must never outlive the scenario, whatever fails next.
      await partition?.heal().catch(() => {});
      await Promise.allSettled(groups.map((g) => g.stop()));
      await topology.stop();
    })());
  try {
    const cast = await castRoles(topology, opts.isolate ?? 0);
    const instances: ScenarioInstance[] = [
      { name: `${opts.namePrefix ?? "lab"}-split-brain`, host: cast.seed.host, port: cast.seed.port, password: opts.password, mode: "cluster", role: "cluster seed (majority side)" },
    ];
    opts.onInstances?.(instances);
    const endpoint: Endpointer = (n) => ({ host: n.host, port: n.port, password: opts.password });
    const tags = await hashTagsInSlots(endpoint(cast.isolated), cast.slots, 8);
    const keyPrefix = opts.keyPrefix ?? "order";
    const isolatedLoad = new LoadGroup(endpoint(cast.isolated));
    groups.push(isolatedLoad);
    const writer = startOrderWriter(isolatedLoad, { tags, keyPrefix, writesPerSec: writeRate, firstId: 1, nodePort: cast.isolated.port });
    // Some orders before the cut: they reach the replica and survive, unlike the ones after.
    await isolatedLoad.sleep(WARMUP_MS);

    partition = await partitionClusterBus({
      isolated: cast.isolated,
      others: topology.nodes.filter((n) => n !== cast.isolated),
      replicasOfIsolated: cast.replicas,
    });
    const partitionedAt = Date.now();
    writer.markFrom(partitionedAt);
    const lastIdBeforeCut = writer.nextId() - 1;
    const state: SplitBrainState = {
      isolated: { host: cast.isolated.host, port: cast.isolated.port, id: cast.isolatedId },
      slots: cast.slots,
      nftTable: partition.table,
      partitionedAt,
      isolatedWrites: writer.stats,
    };

    const promoted = await waitForSplit(cast, endpoint, opts.splitTimeoutMs ?? 30_000);
    state.promoted = { host: promoted.host, port: promoted.port, id: promoted.id };
    state.failoverMs = Date.now() - partitionedAt;
    if (opts.majorityWrites ?? true) {
      const majorityLoad = new LoadGroup(endpoint(promoted));
      groups.push(majorityLoad);
      // Ids continue from what the majority last saw: the same order ids the isolated side hands out.
      startOrderWriter(majorityLoad, { tags, keyPrefix, writesPerSec: writeRate, firstId: lastIdBeforeCut + 1, nodePort: promoted.port });
    }

    let healing: Promise<SplitBrainHeal> | undefined;
    const heal = () =>
      (healing ??= (async () => {
        if (stopping) throw new Error("split-brain: stopped; nothing left to heal");
        const startedAt = Date.now();
        await partition!.heal();
        await waitForRejoin(endpoint(cast.isolated), promoted.id);
        const report = await checkLostWrites(endpoint(promoted), writer.accepted, writer.stats.acceptedSinceMark);
        state.healed = { ...report, rejoinMs: Date.now() - startedAt };
        notes.push(
          `healed: ${cast.isolated.port} rejoined as a replica of ${promoted.port} in ${(state.healed.rejoinMs / 1000).toFixed(1)} s; ` +
            `${report.lost} of ${report.checked} writes it acknowledged in the partition are lost (${report.missing} missing, ${report.overwritten} overwritten)`,
        );
        return state.healed;
      })());

    const notes = [
      `cluster of ${topology.nodes.length} nodes, cluster-node-timeout ${nodeTimeoutMs} ms`,
      `cut ${cast.isolated.port} (master of ${formatSlots(cast.slots)}) off the cluster bus: nftables table inet ${partition.table}, ${partition.rules.length} rules`,
      `an application writes ${writeRate} orders/s (${keyPrefix}:{tag}:<id>) straight to ${cast.isolated.port}, ignoring MOVED`,
      `the majority promoted ${promoted.port} after ${(state.failoverMs / 1000).toFixed(1)} s; ${cast.isolated.port} still lists itself as master of the same slots`,
      `${cast.isolated.port} acknowledged ${writer.stats.acceptedSinceMark} writes after the cut` +
        (writer.stats.firstRefusalAt
          ? `, then refused after ${((writer.stats.firstRefusalAt - partitionedAt) / 1000).toFixed(1)} s: ${writer.stats.firstRefusal}`
          : ""),
    ];
    const running: RunningSplitBrain = {
      id: splitBrainScenario.id,
      instances,
      notes,
      state,
      heal,
      stop,
    };
    if (opts.heal) {
      const healAfterMs = opts.healAfterMs ?? 0;
      if (healAfterMs <= 0) await heal();
      else healTimer = setTimeout(() => void heal().catch(() => {}), healAfterMs);
    }
    return running;
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Host and port of a node plus the scenario's password: what lab clients connect with. */
type Endpointer = (n: { host: string; port: number }) => LabEndpoint;

interface Cast {
  isolated: RedisProcess;
  isolatedId: string;
  replicas: RedisProcess[];
  slots: SlotRanges;
  /** A master that stays on the majority side. */
  seed: RedisProcess;
}

/** Picks the master to isolate (by port order) from the cluster's own view. */
async function castRoles(topology: Topology, index: number): Promise<Cast> {
  const view = await clusterView(topology.nodes[0]);
  const masters = view.filter((n) => n.role === "master" && n.slots.length > 0).sort((a, b) => a.port - b.port);
  const chosen = masters[index];
  if (!chosen) throw new Error(`split-brain: no master #${index} (cluster has ${masters.length})`);
  const byPort = (port: number) => topology.nodes.find((n) => n.port === port)!;
  const replicas = view.filter((n) => n.masterId === chosen.id).map((n) => byPort(n.port));
  const seed = byPort(masters.find((m) => m !== chosen)!.port);
  return { isolated: byPort(chosen.port), isolatedId: chosen.id, replicas, slots: chosen.slots, seed };
}

/**
 * Waits until both sides claim the slots: the isolated node's own view says it is their master,
 * and the majority's view names another node (the promoted replica). Returns that node.
 */
async function waitForSplit(
  cast: Cast,
  endpoint: Endpointer,
  timeoutMs: number,
): Promise<{ host: string; port: number; id: string }> {
  const slot = cast.slots[0][0];
  let promoted: { host: string; port: number; id: string } | undefined;
  await waitUntil(
    async () => {
      const [isolatedView, majorityView] = await Promise.all([clusterView(endpoint(cast.isolated)), clusterView(endpoint(cast.seed))]);
      const self = myself(isolatedView);
      const isolatedClaim = claimedOwner(isolatedView, slot);
      const majorityClaim = claimedOwner(majorityView, slot);
      if (!self || isolatedClaim?.id !== self.id) return `${cast.isolated.port} no longer claims slot ${slot}`;
      if (!majorityClaim || majorityClaim.id === self.id) return `majority still sees ${cast.isolated.port} as owner of slot ${slot}`;
      promoted = { host: majorityClaim.host, port: majorityClaim.port, id: majorityClaim.id };
      return true;
    },
    { timeoutMs, intervalMs: 100, what: `the majority to promote a replica of ${cast.isolated.port}` },
  );
  return promoted!;
}

/** The old master's own view: a replica of the promoted node, with its replication link up. */
function waitForRejoin(isolated: LabEndpoint, promotedId: string): Promise<void> {
  return waitUntil(
    async () => {
      const self = myself(await clusterView(isolated));
      if (self?.role !== "replica" || self.masterId !== promotedId) return `${isolated.port} is ${self?.flags.join(",") ?? "unknown"}`;
      const repl = String(await labCommand(isolated, ["INFO", "replication"]));
      return /^master_link_status:up\r?$/m.test(repl) ? true : `${isolated.port} replica, link not up yet`;
    },
    { timeoutMs: REJOIN_TIMEOUT_MS, intervalMs: 100, what: `${isolated.port} to rejoin as a replica after the heal` },
  );
}

function formatSlots(slots: SlotRanges): string {
  return slots.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(",");
}
