// One registered instance on its own schedule: every interval it samples each node of its topology
// (each node independently, so a hung node only skips its own ticks), feeds alerts and markers, and
// every few ticks on clusters compares CLUSTER NODES across nodes for slots claimed twice.
import "server-only";
import type { InstanceConnectionConfig } from "@/lib/store/instances-repo";
import type { ConnectionManager, InstanceConnections } from "@/lib/redis/connection-manager";
import { standaloneTopology, type Topology, type TopologyNode } from "@/lib/redis/topology";
import { logger } from "@/lib/log/logger";
import type { AlertEngine, InstanceRef } from "./alert-engine";
import { conflictingSlots, type RawClusterView } from "./cluster-conflicts";
import type { Marker } from "./marker";
import { NodeSampler, type NodeOutcome } from "./node-sampler";
import type { Windows } from "./node-history";
import { selfMetrics } from "./prometheus-registry";
import { effectiveRules, type ThresholdRule } from "./rules";

/** Signals that describe the whole instance (evaluated under node ""), not one node. */
export const INSTANCE_SIGNALS = new Set(["cluster.conflict_slots"]);

export interface SamplerContext {
  manager: ConnectionManager;
  engine: AlertEngine;
  intervalMs: number;
  windows: Windows;
  /** Ring capacity per node: one hour at the interval. */
  capacity: number;
  commandTimeoutMs: number;
  extrasEveryMs: number;
  clusterNodesEveryTicks: number;
  onMarkers(instanceId: string, markers: Marker[]): void;
}

export class InstanceSampler {
  readonly nodes = new Map<string, NodeSampler>();
  /** Instance-wide signals of the last cluster round (health shows them on the first node). */
  instanceSignals: Record<string, number> = {};
  private topology: Topology | undefined;
  private timer: NodeJS.Timeout | undefined;
  private round = 0;
  private stopped = false;
  private nodeRules: ThresholdRule[] = [];
  private instanceRules: ThresholdRule[] = [];
  /** Resolves when the tick in progress (if any) is done: tests and stop() wait on it. */
  private inFlight = new Set<Promise<void>>();

  constructor(
    public config: InstanceConnectionConfig,
    private readonly ctx: SamplerContext,
  ) {
    this.setRules();
  }

  get ref(): InstanceRef {
    return { id: this.config.id, name: this.config.name, address: `${this.config.host}:${this.config.port}` };
  }

  /** A new name or thresholds take effect at the next tick; connection changes go through the manager. */
  update(config: InstanceConnectionConfig): void {
    this.config = config;
    this.setRules();
  }

  private setRules(): void {
    const rules = effectiveRules(this.config.ruleOverrides);
    this.nodeRules = rules.filter((r) => !INSTANCE_SIGNALS.has(r.signal));
    this.instanceRules = rules.filter((r) => INSTANCE_SIGNALS.has(r.signal));
  }

  /** Starts ticking after `offsetMs`, then on a fixed schedule that never waits for a tick. */
  start(offsetMs: number): void {
    // Open both connections now: when maxclients is reached later, Redline is already in.
    this.ctx.manager.forInstance(this.config).warm();
    const first = Date.now() + offsetMs;
    const schedule = (k: number) => {
      if (this.stopped) return;
      const due = first + k * this.ctx.intervalMs;
      this.timer = setTimeout(() => {
        selfMetrics().tickLag.observe(Math.max(0, Date.now() - due) / 1000);
        // A tick that fell far behind (suspended laptop) is not replayed: jump to the next slot.
        const behind = Math.floor((Date.now() - due) / this.ctx.intervalMs);
        schedule(k + 1 + Math.max(0, behind));
        this.track(this.tick().catch((err) => logger.error({ instanceId: this.config.id, err: String(err) }, "sampler tick failed")));
      }, Math.max(0, due - Date.now()));
      this.timer.unref?.();
    };
    schedule(0);
  }

  private track(p: Promise<void>): void {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await Promise.allSettled([...this.inFlight]);
  }

  /** One round over every node. */
  async tick(): Promise<void> {
    const conns = this.ctx.manager.forInstance(this.config);
    const topology = await this.currentTopology(conns);
    const clusterRound = this.config.mode === "cluster" && this.round % this.ctx.clusterNodesEveryTicks === 0;
    this.round++;
    const present = new Set(topology.nodes.map((n) => n.address));
    for (const [address, sampler] of this.nodes) {
      if (present.has(address) || sampler.running) continue;
      // A node that left the topology: its alerts resolve, its series go.
      this.nodes.delete(address);
      this.ctx.engine.observe(this.ref, address, undefined, this.nodeRules, Date.now());
    }
    const outcomes = await Promise.all(topology.nodes.map((node) => this.sampleNode(conns, node, clusterRound)));
    if (clusterRound) this.compareViews(topology.nodes, outcomes);
  }

  private async sampleNode(conns: InstanceConnections, node: TopologyNode, clusterNodes: boolean): Promise<NodeOutcome | undefined> {
    let sampler = this.nodes.get(node.address);
    if (!sampler) {
      this.nodes.set(node.address, (sampler = new NodeSampler(node, this.ctx.capacity)));
      // The reserved connection of every node, opened now rather than in an emergency.
      conns.reserved(node).call(["PING"]).catch(() => {});
    }
    const runner = conns.runner(node, { timeoutMs: this.ctx.commandTimeoutMs });
    const started = performance.now();
    const outcome = await sampler.sample(runner, {
      clusterMode: this.config.mode === "cluster",
      clusterNodes,
      windows: this.ctx.windows,
      extrasEveryMs: this.ctx.extrasEveryMs,
    });
    const metrics = selfMetrics();
    if (!outcome) {
      metrics.skippedTicks.inc({ instance: this.config.name });
      return undefined;
    }
    metrics.sampleDuration.observe((performance.now() - started) / 1000);
    if (!outcome.ok) metrics.sampleErrors.inc({ code: outcome.error.code });
    if (this.stopped) return outcome;
    if (outcome.ok && outcome.derived.markers.length) this.ctx.onMarkers(this.config.id, outcome.derived.markers);
    this.ctx.engine.observe(this.ref, node.address, outcome.ok ? outcome.derived.signals : outcome.signals, this.nodeRules, outcome.at);
    return outcome;
  }

  private compareViews(nodes: TopologyNode[], outcomes: Array<NodeOutcome | undefined>): void {
    const views: RawClusterView[] = [];
    outcomes.forEach((o, i) => {
      if (o?.ok && o.clusterNodesText) views.push({ observer: nodes[i]!.address, info: o.derived.snapshot.clusterInfo, text: o.clusterNodesText });
    });
    // With fewer than two views there is nothing to compare: the rule cannot be evaluated.
    const signals = views.length >= 2 ? { "cluster.conflict_slots": conflictingSlots(views) } : undefined;
    if (!this.stopped) this.ctx.engine.observe(this.ref, "", signals, this.instanceRules, Date.now());
    this.instanceSignals = signals ?? {};
  }

  /**
   * The last known topology at once; a refresh runs behind it, so a hung seed never holds a tick.
   * Until the first discovery succeeds the seed alone is sampled (and reported unreachable).
   */
  private async currentTopology(conns: InstanceConnections): Promise<Topology> {
    if (this.config.mode === "standalone") return (this.topology ??= standaloneTopology(this.config.host, this.config.port));
    const refresh = conns.topology();
    if (this.topology) {
      refresh.then((t) => (this.topology = t)).catch(() => {});
      return this.topology;
    }
    try {
      return (this.topology = await refresh);
    } catch {
      return standaloneTopology(this.config.host, this.config.port);
    }
  }

  /** Waits for the ticks in progress (tests). */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }
}
