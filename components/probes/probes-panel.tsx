// Every probe in the catalog, runnable against this instance. All are read-only by contract.
"use client";
import { useProbeCatalog } from "@/lib/client/use-probes";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ErrorPanel } from "@/components/ui/error-panel";
import { LoadingStatus, Skeleton } from "@/components/ui/skeleton";
import { ProbeCard } from "./probe-card";

export function ProbesPanel({ instanceId }: { instanceId: string }) {
  const catalog = useProbeCatalog();
  return (
    <Card id="probes" title="Probes">
      <p className="mb-4 text-sm text-muted">Read-only diagnostics. Each shows the redis-cli command it stands for, and records every command it sends.</p>
      {catalog.isPending ? (
        <div className="space-y-3">
          <LoadingStatus label="Loading probes…" />
          <Skeleton className="h-20" />
          <Skeleton className="h-20" />
        </div>
      ) : catalog.isError ? (
        <ErrorPanel error={catalog.error} actions={<Button onClick={() => catalog.refetch()}>Try again</Button>} />
      ) : catalog.data.length === 0 ? (
        <p className="text-muted">No probes are registered on this server.</p>
      ) : (
        <ul>
          {catalog.data.map((p) => (
            <ProbeCard key={p.id} instanceId={instanceId} probe={p} />
          ))}
        </ul>
      )}
    </Card>
  );
}
