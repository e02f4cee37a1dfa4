// Redline's own Prometheus registry (never prom-client's global one) and its own figures: sampler
// lag and skipped ticks, sample and probe durations, process metrics. One per process, on globalThis,
// because the instrumentation bundle (sampler) and the route bundles (probes, /api/metrics) share it.
import "server-only";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

export interface SelfMetrics {
  registry: Registry;
  tickLag: Histogram;
  skippedTicks: Counter;
  sampleDuration: Histogram;
  sampleErrors: Counter;
  probeDuration: Histogram;
  alertTransitions: Counter;
  webhookDeliveries: Counter;
  sampledInstances: Gauge;
}

const SECONDS_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

function create(): SelfMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "redline_" });
  const registers = [registry];
  return {
    registry,
    tickLag: new Histogram({
      name: "redline_sampler_tick_lag_seconds",
      help: "How late a sampler tick started against its schedule (event-loop delay)",
      buckets: SECONDS_BUCKETS,
      registers,
    }),
    skippedTicks: new Counter({
      name: "redline_sampler_skipped_ticks_total",
      help: "Node samples skipped because the previous one of that node was still running",
      labelNames: ["instance"],
      registers,
    }),
    sampleDuration: new Histogram({ name: "redline_sample_duration_seconds", help: "Duration of one node sample (PINGs, INFO, SLOWLOG…)", buckets: SECONDS_BUCKETS, registers }),
    sampleErrors: new Counter({ name: "redline_sample_errors_total", help: "Node samples that failed, by classified error", labelNames: ["code"], registers }),
    probeDuration: new Histogram({
      name: "redline_probe_duration_seconds",
      help: "Duration of diagnostic probes run from the API",
      labelNames: ["probe", "outcome"],
      buckets: [...SECONDS_BUCKETS, 15],
      registers,
    }),
    alertTransitions: new Counter({ name: "redline_alert_transitions_total", help: "Alert state changes", labelNames: ["state", "severity"], registers }),
    webhookDeliveries: new Counter({ name: "redline_alert_webhook_deliveries_total", help: "Alert webhook deliveries", labelNames: ["outcome"], registers }),
    sampledInstances: new Gauge({ name: "redline_sampler_instances", help: "Instances the sampler is sampling", registers }),
  };
}

const key = Symbol.for("redline.promSelfMetrics");
type WithMetrics = typeof globalThis & { [key]?: SelfMetrics };

export function selfMetrics(): SelfMetrics {
  const g = globalThis as WithMetrics;
  return (g[key] ??= create());
}

/** Called by runProbe: a probe's duration and whether it returned an error. */
export function observeProbe(probeId: string, durationMs: number, failed: boolean): void {
  selfMetrics().probeDuration.observe({ probe: probeId, outcome: failed ? "error" : "ok" }, durationMs / 1000);
}
