// What triage looks at for one instance: its health (or why Redis could not be read at all), the
// results of a few cheap probes, and the sampler's memory of the last minutes when there is one.
// Pure types: detectors are pure functions of this input, so tests build it from real parsed replies.
import type { AlertRecord } from "@/lib/metrics/alert-state";
import type { Signals } from "@/lib/metrics/health-signals";
import type { InstanceHealth } from "@/lib/metrics/instance-health";
import type { Marker } from "@/lib/metrics/marker";
import type { CounterPoint, RestartEvent } from "@/lib/metrics/node-history";
import type { ThresholdRule } from "@/lib/metrics/rules";
import type { ProbeError, ProbeResult } from "@/lib/probes/types";

/** One node as the sampler remembers it. */
export interface TriageNodeHistory {
  node: string;
  /** Signals of the latest sample, with rates and events over windows (derive-sample.ts). */
  signals: Signals;
  /** INFO counters over the recent window, oldest first. */
  counters: CounterPoint[];
  /** The last restart the sampler saw (run_id changed) and the keys before and after. */
  restart?: RestartEvent;
}

export interface TriageHistory {
  /** Pending and firing alerts of the instance. */
  alerts: AlertRecord[];
  /** Restarts, role changes and failovers of the recent window. */
  markers: Marker[];
  nodes: TriageNodeHistory[];
  /** The instance's rules with its overrides (the sampler's); the default table when absent. */
  rules?: readonly ThresholdRule[];
}

export interface TriageInput {
  instanceId: string;
  /** Epoch ms the evidence describes; "recent" is measured from here (tests pin it). */
  now: number;
  /** null when even health could not be built; then `failure` says why. */
  health: InstanceHealth | null;
  /** A classified failure reading the instance (e.g. redis_max_clients): evidence in itself. */
  failure?: ProbeError;
  /** Results of the cheap probes triage ran, by probe id. A probe that failed keeps its classified error. */
  probes: Record<string, ProbeResult>;
  /** Absent when no sampler runs in this process. */
  history?: TriageHistory;
}
