// GET /api/metrics: every sampled node's latest figures as gauges labelled instance (its name),
// address and role, next to Redline's own figures, all from Redline's dedicated registry.
import "server-only";
import { Gauge } from "prom-client";
import { infoString } from "@/lib/parse/info";
import { selfMetrics } from "./prometheus-registry";
import type { Sampler } from "./sampler";
import { SERIES, parseColumnKey } from "./series-catalog";

const LABELS = ["instance", "address", "role"] as const;

interface InstanceGauges {
  series: Map<string, Gauge>;
  replicaGap: Gauge;
  up: Gauge;
  sampleAge: Gauge;
  openAlerts: Gauge;
}

/** Prometheus names use base units spelled out: `_per_sec` → `_per_second`, milliseconds → seconds. */
export function metricName(seriesId: string): string {
  const base = seriesId.replace(/[^a-zA-Z0-9_]/g, "_").replace(/_per_sec$/, "_per_second").replace(/_ms$/, "_seconds");
  return `redline_${base}`;
}

function scale(seriesId: string): number {
  return seriesId.endsWith("_ms") ? 1 / 1000 : 1;
}

function create(): InstanceGauges {
  const registers = [selfMetrics().registry];
  const series = new Map<string, Gauge>();
  for (const def of SERIES) {
    if (def.labelKey) continue;
    const unit = def.unit === "ms" ? "s" : def.unit;
    series.set(def.id, new Gauge({ name: metricName(def.id), help: `${def.title} (${unit})`, labelNames: LABELS, registers }));
  }
  return {
    series,
    replicaGap: new Gauge({ name: "redline_replication_replica_gap_bytes", help: "Replica offset gap behind its master (bytes)", labelNames: [...LABELS, "replica"], registers }),
    up: new Gauge({ name: "redline_up", help: "1 when the node's latest sample succeeded", labelNames: [...LABELS, "error"], registers }),
    sampleAge: new Gauge({ name: "redline_sample_age_seconds", help: "Age of the node's latest sample", labelNames: LABELS, registers }),
    openAlerts: new Gauge({ name: "redline_alerts_open", help: "Open alerts by state and severity", labelNames: ["state", "severity"], registers }),
  };
}

const key = Symbol.for("redline.promInstanceGauges");
type WithGauges = typeof globalThis & { [key]?: InstanceGauges };

function gauges(): InstanceGauges {
  const g = globalThis as WithGauges;
  return (g[key] ??= create());
}

/** Sets every gauge from the sampler's latest samples; series of nodes gone since the last scrape disappear. */
function refresh(sampler: Sampler | undefined, now: number): void {
  const g = gauges();
  for (const gauge of [...g.series.values(), g.replicaGap, g.up, g.sampleAge, g.openAlerts]) gauge.reset();
  if (!sampler) return;
  for (const instance of sampler.instances.values()) {
    for (const [address, node] of instance.nodes) {
      const latest = node.latest;
      if (!latest) continue;
      const role = latest.snapshot ? (infoString(latest.snapshot.info, "role") === "slave" ? "replica" : (infoString(latest.snapshot.info, "role") ?? "unknown")) : node.node.role;
      const labels = { instance: instance.config.name, address, role };
      g.up.set({ ...labels, error: latest.error?.code ?? "" }, latest.error ? 0 : 1);
      g.sampleAge.set(labels, (now - latest.at) / 1000);
      for (const [k, value] of Object.entries(latest.values ?? {})) {
        const parsed = parseColumnKey(k);
        if (parsed?.labels) g.replicaGap.set({ ...labels, replica: parsed.labels.replica ?? "" }, value);
        else g.series.get(k)?.set(labels, value * scale(k));
      }
    }
  }
  for (const a of sampler.engine.openAlerts()) g.openAlerts.inc({ state: a.state, severity: a.severity });
}

export async function exposition(sampler: Sampler | undefined, now = Date.now()): Promise<{ body: string; contentType: string }> {
  refresh(sampler, now);
  const registry = selfMetrics().registry;
  return { body: await registry.metrics(), contentType: registry.contentType };
}
