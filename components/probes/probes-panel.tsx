// Every probe in the catalog, runnable against this instance. All are read-only by contract.
"use client";
import { useProbeCatalog } from "@/lib/client/use-probes";
import { Card } from "@/components/ui/card";
import { QueryFailed, QueryLoading } from "@/components/ui/query-states";
import { ProbeCard } from "./probe-card";

export function ProbesPanel({ instanceId }: { instanceId: string }) {
  const catalog = useProbeCatalog();
  return (
    <Card id="probes" title="Probes">
      <p className="mb-4 text-sm text-muted">Read-only diagnostics. Each shows the redis-cli command it stands for, and records every command it sends.</p>
      {catalog.isPending ? (
        <QueryLoading label="Loading probes…" blocks={["h-20", "h-20"]} />
      ) : catalog.isError ? (
        <QueryFailed query={catalog} />
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
