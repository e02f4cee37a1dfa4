// The instance page's live part: header, figures, live charts, findings, nodes, alerts and probes.
// Settings come from the server render (then the cache, so an edit shows at once); health
// refreshes every 5 s, charts every 2 s.
"use client";
import { RefreshCw } from "lucide-react";
import type { InstancePublic } from "@/lib/client/types";
import { useInstance, useInstanceHealth } from "@/lib/client/use-instance";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ErrorPanel } from "@/components/ui/error-panel";
import { LoadingStatus, Skeleton } from "@/components/ui/skeleton";
import { ProbesPanel } from "@/components/probes/probes-panel";
import { InstanceAlertsCard } from "@/components/alerts/instance-alerts-card";
import { TriageCard } from "@/components/triage/triage-card";
import { cx } from "@/lib/client/cx";
import { FindingsList } from "./findings-list";
import { InstanceFigures } from "./instance-figures";
import { InstanceHeader } from "./instance-header";
import { LiveMetricsCard } from "./live-metrics-card";
import { NodeTable } from "./node-table";

export function InstanceView({ initial }: { initial: InstancePublic }) {
  const instance = useInstance(initial.id, initial).data ?? initial;
  const health = useInstanceHealth(initial.id);
  const h = health.data;
  const refresh = (
    <Button size="sm" onClick={() => health.refetch()} aria-busy={health.isFetching || undefined}>
      <RefreshCw aria-hidden className={cx("size-4", health.isFetching && "animate-spin")} />
      Refresh
    </Button>
  );

  return (
    <div className="space-y-6">
      <InstanceHeader instance={instance} health={h} updatedAt={health.dataUpdatedAt} />
      <TriageCard instanceId={instance.id} />
      {health.isError && (
        <ErrorPanel
          error={health.error}
          live
          title={h ? "Health refresh failed: the figures below are stale" : "Could not read this instance's health"}
          actions={<Button onClick={() => health.refetch()}>Try again</Button>}
        />
      )}
      {!h ? (
        health.isPending && (
          <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
            <LoadingStatus label="Reading health…" />
            {Array.from({ length: 10 }, (_, i) => (
              <Skeleton key={i} className="h-20" />
            ))}
          </div>
        )
      ) : (
        h.status !== "unreachable" && (
          <Card id="figures" title="Figures" actions={refresh}>
            <InstanceFigures health={h} />
          </Card>
        )
      )}
      {/* Charts have their own query: they show the sampler's history even while health is loading or down. */}
      <LiveMetricsCard instanceId={instance.id} />
      {h && (
        <>
          <Card id="findings" title={`Findings (${h.findings.length})`} actions={h.status === "unreachable" ? refresh : undefined}>
            <FindingsList findings={h.findings} />
          </Card>
          {h.nodes.length > 1 && (
            <Card id="nodes" title={`Nodes (${h.summary.nodesReachable} of ${h.summary.nodes} reachable)`}>
              <NodeTable nodes={h.nodes} />
            </Card>
          )}
        </>
      )}
      <InstanceAlertsCard instanceId={instance.id} />
      <ProbesPanel instanceId={instance.id} />
    </div>
  );
}
