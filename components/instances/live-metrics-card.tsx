// The instance page's "Live metrics": the charts an on-call engineer checks first, over a chosen
// window. Only series the sampler has data for are drawn: replication charts appear on a master
// with replicas, not on a standalone.
"use client";
import { useState } from "react";
import { DEFAULT_WINDOW, isLiveWindow, metricsRefreshMs, type MetricWindow } from "@/lib/client/metric-windows";
import type { InstanceMetrics } from "@/lib/client/types";
import { Card } from "@/components/ui/card";
import { MetricCharts } from "@/components/charts/metric-charts";
import { WindowSelect } from "@/components/charts/window-select";

/** Load, memory, clients, latency and slowness first; replication last (only masters have it). */
export const INSTANCE_CHART_SERIES = [
  "ops.per_sec",
  "memory.used_pct_of_max",
  "memory.used_bytes",
  "memory.fragmentation_ratio",
  "clients.connected_pct_of_max",
  "latency.ping_p99_ms",
  "slowlog.new_entries_last_min",
  "clients.rejected_per_sec",
  "keyspace.keys",
  "replication.write_rate_bytes_per_sec",
  "replication.replica_gap_pct_of_backlog",
  "replication.backlog_coverage_seconds",
] as const;

const REPLICATION_CHARTS = new Set(["replication.write_rate_bytes_per_sec", "replication.replica_gap_pct_of_backlog", "replication.backlog_coverage_seconds"]);

/**
 * Replication charts only for a master with replicas: a standalone also has a write rate and a
 * backlog coverage, but with nobody to resync they are noise. The gap series exists only with replicas.
 */
function replicationShown(seriesId: string, m: InstanceMetrics): boolean {
  return !REPLICATION_CHARTS.has(seriesId) || m.series.some((s) => s.id === "replication.replica_gap_pct_of_backlog");
}

export function LiveMetricsCard({ instanceId }: { instanceId: string }) {
  const [window, setWindow] = useState<MetricWindow>(DEFAULT_WINDOW);
  return (
    <Card id="live-metrics" title="Live metrics" actions={<WindowSelect value={window} onChange={setWindow} />}>
      <p className="mb-3 text-sm text-muted">
        {isLiveWindow(window) ? `Live, refreshed every ${metricsRefreshMs(window) / 1000} s.` : "From 1-minute rollups, refreshed every minute."} Where points are
        averaged, a shaded band shows their min–max. Dashed lines are alert thresholds; dotted lines mark restarts, role changes and failovers.
      </p>
      <MetricCharts instanceId={instanceId} seriesIds={INSTANCE_CHART_SERIES} window={window} hideEmpty include={replicationShown} />
    </Card>
  );
}
