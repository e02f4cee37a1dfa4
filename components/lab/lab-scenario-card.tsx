// One scenario of the lab: what it reproduces, its state, its instances (links into Redline) and
// the drill controls. Starting a large scenario can take a minute: the button says so while busy.
"use client";
import Link from "next/link";
import { Play, RotateCcw, Square } from "lucide-react";
import type { LabScenarioState } from "@/lib/lab/lab-service";
import { useLabAction, type LabAction } from "@/lib/client/use-lab";
import { Button } from "@/components/ui/button";
import { ErrorPanel } from "@/components/ui/error-panel";
import { LabStatusBadge } from "./lab-status-badge";
import { RoleGate } from "@/components/auth/role-gate";

export function LabScenarioCard({ scenario, size }: { scenario: LabScenarioState; size: "small" | "large" }) {
  const action = useLabAction();
  const run = (a: LabAction) => action.mutate({ id: scenario.id, action: a, size });
  const busy = action.isPending || scenario.status === "starting" || scenario.status === "stopping";
  const active = scenario.status === "running" || scenario.status === "starting";
  const titleId = `lab-${scenario.id}-title`;
  return (
    <li aria-labelledby={titleId} className="rounded-lg border border-line bg-surface p-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <h2 id={titleId} className="text-base font-semibold">
              {scenario.title}
            </h2>
            <LabStatusBadge status={scenario.status} />
          </div>
          <p className="mt-1 max-w-4xl text-sm text-muted">{scenario.description}</p>
          <p className="mt-1 font-mono text-xs text-muted">id: {scenario.id}</p>
        </div>
        <RoleGate role="responder">
          <div className="flex flex-wrap gap-2">
            {!active && (
              <Button variant="primary" size="sm" busy={action.isPending && action.variables?.action === "start"} disabled={busy || scenario.status === "unavailable"} onClick={() => run("start")}>
                <Play aria-hidden className="size-4" />
                Start
              </Button>
            )}
            {active && (
              <Button variant="danger" size="sm" busy={action.isPending && action.variables?.action === "stop"} disabled={busy} onClick={() => run("stop")}>
                <Square aria-hidden className="size-4" />
                Stop
              </Button>
            )}
            <Button size="sm" busy={action.isPending && action.variables?.action === "reset"} disabled={busy || scenario.status === "unavailable"} onClick={() => run("reset")}>
              <RotateCcw aria-hidden className="size-4" />
              Reset
            </Button>
          </div>
        </RoleGate>
      </div>
      {scenario.reason && <p className="mt-2 text-sm text-warn">{scenario.reason}</p>}
      {action.error && <ErrorPanel className="mt-3" error={action.error} live />}
      {scenario.instances.length > 0 && (
        <ul className="mt-3 flex flex-wrap gap-2" aria-label={`${scenario.title}: instances`}>
          {scenario.instances.map((inst) => (
            <li key={`${inst.host}:${inst.port}`} className="rounded border border-line px-2 py-1 text-sm">
              {inst.instanceId ? <Link href={`/instances/${inst.instanceId}`}>{inst.name}</Link> : inst.name}{" "}
              <span className="font-mono text-xs text-muted">
                {inst.host}:{inst.port}
                {inst.role ? ` · ${inst.role}` : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
      {scenario.notes.length > 0 && (
        <details className="mt-3 text-sm">
          <summary className="cursor-pointer text-muted">What the lab did</summary>
          <ul className="mt-2 list-disc space-y-1 pl-5 text-muted">
            {scenario.notes.map((n, i) => (
              <li key={i}>{n}</li>
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}
