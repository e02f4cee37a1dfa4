// The Lab page body: every incident scenario with its state and drill controls, refreshed every 3 s.
"use client";
import { useState } from "react";
import { FlaskConical } from "lucide-react";
import { useLab } from "@/lib/client/use-lab";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorPanel } from "@/components/ui/error-panel";
import { Skeleton } from "@/components/ui/skeleton";
import { LabScenarioCard } from "./lab-scenario-card";

export function LabView() {
  const lab = useLab();
  const [size, setSize] = useState<"small" | "large">("small");
  if (lab.isPending) return <Skeleton className="h-64 w-full" />;
  if (lab.error && !lab.data) return <ErrorPanel error={lab.error} />;
  const scenarios = lab.data ?? [];
  const running = scenarios.filter((s) => s.status === "running").length;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <p className="max-w-3xl text-muted">
          Each scenario starts real redis-server processes on this machine and drives them into the incident with real load, then
          registers them in Redline. Use them to rehearse a playbook. {running} running.
        </p>
        <label className="flex flex-col gap-1 text-sm font-medium">
          Size for the next start
          <select className="h-10 rounded-md border border-line-strong bg-raised px-3" value={size} onChange={(e) => setSize(e.target.value as "small" | "large")}>
            <option value="small">Small (seconds to start)</option>
            <option value="large">Large (demo sizes, up to a minute)</option>
          </select>
        </label>
      </div>
      {lab.error && <ErrorPanel error={lab.error} title="Refresh failed: showing the last known state" live />}
      {scenarios.length === 0 ? (
        <EmptyState icon={FlaskConical} title="No scenarios" />
      ) : (
        <ul className="space-y-3">
          {scenarios.map((s) => (
            <LabScenarioCard key={s.id} scenario={s} size={size} />
          ))}
        </ul>
      )}
    </div>
  );
}
