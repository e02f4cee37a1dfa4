// A set of live charts for one instance: give it the instance, the series ids and the window,
// it fetches (one request for the set) and draws one chart per series id, every node or replica
// of that series as a line. The instance page and the playbook wizard's steps both use it.
"use client";
import { Activity } from "lucide-react";
import { SERIES } from "@/lib/metrics/series-catalog";
import type { InstanceMetrics } from "@/lib/client/types";
import { firstSampleAt } from "@/lib/client/chart-data";
import { markersIn } from "@/lib/client/chart-annotations";
import { isLiveWindow, SAMPLE_INTERVAL_MS, type MetricWindow } from "@/lib/client/metric-windows";
import { xDomain } from "@/lib/client/time-axis";
import { useInstanceMetrics } from "@/lib/client/use-metrics";
import { cx } from "@/lib/client/cx";
import { Button } from "@/components/ui/button";
import { ErrorPanel } from "@/components/ui/error-panel";
import { LoadingStatus } from "@/components/ui/skeleton";
import { ChartEvents } from "./chart-events";
import { ChartSkeleton } from "./chart-skeleton";
import { TimeSeriesChart } from "./time-series-chart";

const DEFS = new Map(SERIES.map((s) => [s.id, s]));

export interface MetricChartsProps {
  instanceId: string;
  seriesIds: readonly string[];
  window: MetricWindow;
  /** Leave out series without data (a standalone has no replication series); off, each asked chart shows, empty or not. */
  hideEmpty?: boolean;
  /** Further choice per series once the answer is in (the instance page drops replication charts without replicas). */
  include?: (seriesId: string, metrics: InstanceMetrics) => boolean;
  height?: number;
  /** Grid classes; the default fits one to three charts per row. */
  className?: string;
  headingLevel?: "h3" | "h4";
}

export function MetricCharts({ instanceId, seriesIds, window, hideEmpty = false, include, height = 180, className, headingLevel }: MetricChartsProps) {
  const q = useInstanceMetrics(instanceId, window, seriesIds);
  const grid = cx("grid gap-4", className ?? "md:grid-cols-2 2xl:grid-cols-3");

  if (q.isPending) {
    return (
      <div className={grid}>
        <LoadingStatus label="Loading charts…" />
        {seriesIds.slice(0, 6).map((id) => (
          <ChartSkeleton key={id} height={height} />
        ))}
      </div>
    );
  }
  if (!q.data) return <ErrorPanel error={q.error} title="Could not load the charts" actions={<Button onClick={() => q.refetch()}>Try again</Button>} />;

  const m = q.data;
  const charts = seriesIds
    .map((id) => ({ id, def: DEFS.get(id), series: m.series.filter((s) => s.id === id) }))
    .filter((c) => c.def && (!hideEmpty || c.series.length > 0) && (!include || include(c.id, m)));
  // One time axis for the whole set, and the events listed once above it (each chart still draws them).
  const firstSample = firstSampleAt(m.series);
  const [from] = xDomain(m.from, m.to, firstSample);
  const events = markersIn(m.markers, from, m.to);

  return (
    <div className="space-y-3">
      {q.isError && <ErrorPanel error={q.error} live title={`Chart refresh failed: showing data as of ${new Date(q.dataUpdatedAt).toLocaleTimeString()}`} />}
      {charts.length === 0 ? (
        <div className="flex items-center gap-3 rounded-md border border-dashed border-line-strong p-6 text-muted">
          <Activity aria-hidden className="size-6 shrink-0" />
          <p>
            {isLiveWindow(window)
              ? `No samples yet: the sampler reads every ${SAMPLE_INTERVAL_MS / 1000} s. Charts appear with the first samples.`
              : "No rollups yet for this window: the sampler writes one per series each minute. The 15m and 1h windows show the latest samples."}
          </p>
        </div>
      ) : (
        <>
          {charts.length > 1 && <ChartEvents markers={events} spanMs={m.to - from} title="Events in this window (dotted lines on the charts)" />}
          <div className={grid}>
            {charts.map(({ id, def, series }) => (
              <TimeSeriesChart
                key={id}
                title={def!.title}
                unit={def!.unit}
                series={series}
                markers={m.markers}
                from={m.from}
                to={m.to}
                intervalMs={m.intervalMs}
                window={m.window}
                firstSample={firstSample}
                listEvents={charts.length === 1}
                height={height}
                headingLevel={headingLevel}
              />
            ))}
          </div>
        </>
      )}
    </div>
  );
}
