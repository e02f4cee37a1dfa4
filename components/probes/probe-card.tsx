// One probe: what it tells you, its cost, the redis-cli equivalent, a Run button and the last result
// (kept until the next run).
"use client";
import { Play } from "lucide-react";
import type { ProbeCatalogEntry } from "@/lib/client/types";
import { useProbeResult, useRunProbe } from "@/lib/client/use-probes";
import { Button } from "@/components/ui/button";
import { CodeBlock } from "@/components/ui/code-block";
import { ErrorPanel } from "@/components/ui/error-panel";
import { CostBadge } from "./cost-badge";
import { ProbeResultView } from "./probe-result-view";
import { useCan } from "@/components/auth/role-provider";
import { roleForProbeCost } from "@/lib/security/roles";

export function ProbeCard({ instanceId, probe }: { instanceId: string; probe: ProbeCatalogEntry }) {
  const run = useRunProbe(instanceId, probe.id);
  const last = useProbeResult(instanceId, probe.id).data;
  const headingId = `probe-${probe.id}`;
  // A viewer may run O(1) probes only; scans and sampling load the instance (a responder's call).
  const canRun = useCan(roleForProbeCost(probe.cost));
  return (
    <li aria-labelledby={headingId} className="space-y-3 border-t border-line py-4 first:border-t-0 first:pt-0">
      <div className="flex flex-wrap items-start gap-3">
        <div className="min-w-0 flex-1 space-y-1">
          <div className="flex flex-wrap items-center gap-2">
            <h3 id={headingId} className="font-semibold">
              {probe.title}
            </h3>
            <CostBadge cost={probe.cost} />
          </div>
          <p className="text-sm text-muted">{probe.description}</p>
        </div>
        {canRun && (
          <Button variant="primary" onClick={() => run.mutate({})} busy={run.isPending}>
            {!run.isPending && <Play aria-hidden className="size-4" />}
            {run.isPending ? "Running…" : last ? "Run again" : "Run"}
            <span className="sr-only">: {probe.title}</span>
          </Button>
        )}
      </div>
      <CodeBlock code={probe.redisCli} label="Copy" />
      <div aria-live="polite" className="space-y-3">
        {run.isError && <ErrorPanel error={run.error} />}
        {last && <ProbeResultView result={last} />}
      </div>
    </li>
  );
}
