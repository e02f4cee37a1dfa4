// One node's side of the sampler: collects a sample on the node's probe connection, derives series
// and signals against its history, and keeps the ring buffer and the latest result. A sample still
// running when the next tick comes makes that tick skip this node (counted as lag by the caller).
import "server-only";
import type { CommandStat } from "@/lib/parse/info";
import { infoString } from "@/lib/parse/info";
import { toProbeError } from "@/lib/probes/context";
import type { ProbeError } from "@/lib/probes/types";
import type { CommandRunner } from "@/lib/redis/command-runner";
import type { TopologyNode } from "@/lib/redis/topology";
import { collectSample } from "./collect-sample";
import { deriveSample, type DerivedSample } from "./derive-sample";
import { errorSignals } from "./error-signals";
import type { Signals } from "./health-signals";
import type { NodeHistory, Windows } from "./node-history";
import { SeriesRing } from "./series-ring";
import type { NodeSnapshot } from "./snapshot";

export const PINGS_PER_TICK = 3;
export const SLOWLOG_PER_TICK = 8;

export interface NodeLatest {
  at: number;
  durationMs: number;
  snapshot?: NodeSnapshot;
  signals: Signals;
  /** The series values of this sample (what /api/metrics exposes). */
  values?: Record<string, number>;
  error?: ProbeError;
}

export type NodeOutcome =
  | { ok: true; at: number; derived: DerivedSample; clusterNodesText?: string }
  | { ok: false; at: number; error: ProbeError; signals: Signals };

export interface NodeSampleOptions {
  clusterMode: boolean;
  clusterNodes: boolean;
  windows: Windows;
  /** CONFIG GET and INFO commandstats at most this often. */
  extrasEveryMs: number;
}

export class NodeSampler {
  readonly ring: SeriesRing;
  history: NodeHistory | undefined;
  latest: NodeLatest | undefined;
  private busy = false;
  private config: { values: Record<string, string>; error?: string; at: number } | undefined;
  private commandstats: CommandStat[] = [];
  private clusterEnabled = false;

  constructor(
    readonly node: TopologyNode,
    capacity: number,
  ) {
    this.ring = new SeriesRing(capacity);
  }

  get running(): boolean {
    return this.busy;
  }

  /** undefined when skipped because the previous sample of this node is still running. */
  async sample(runner: CommandRunner, opts: NodeSampleOptions): Promise<NodeOutcome | undefined> {
    if (this.busy) return undefined;
    this.busy = true;
    const started = performance.now();
    const at = Date.now();
    try {
      const extras = !this.config || at - this.config.at >= opts.extrasEveryMs;
      const collected = await collectSample(runner, {
        pings: PINGS_PER_TICK,
        slowlogEntries: SLOWLOG_PER_TICK,
        cluster: opts.clusterMode || this.clusterEnabled,
        clusterNodes: opts.clusterNodes,
        extras,
      });
      if (collected.config) this.config = { ...collected.config, at };
      if (collected.commandstats) this.commandstats = collected.commandstats;
      const info = collected.snapshot.info;
      this.clusterEnabled = infoString(info, "cluster_enabled") === "1";
      const snapshot: NodeSnapshot = {
        ...collected.snapshot,
        info: { ...info, commandstats: this.commandstats },
        config: this.config?.values ?? {},
        configError: this.config?.error,
      };
      const derived = deriveSample(this.history, { snapshot, pingsMs: collected.pingsMs }, opts.windows, SLOWLOG_PER_TICK);
      this.history = derived.history;
      this.ring.push(snapshot.takenAt, derived.values);
      this.latest = { at: snapshot.takenAt, durationMs: performance.now() - started, snapshot: derived.snapshot, signals: derived.signals, values: derived.values };
      return { ok: true, at: snapshot.takenAt, derived, clusterNodesText: collected.clusterNodesText };
    } catch (err) {
      const error = toProbeError(err);
      const signals = errorSignals(error);
      // An empty row: the charts show a gap rather than joining across the outage.
      this.ring.push(at, {});
      this.latest = { at, durationMs: performance.now() - started, signals, error };
      return { ok: false, at, error, signals };
    } finally {
      this.busy = false;
    }
  }
}
