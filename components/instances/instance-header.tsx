// The instance page's header: identity (name, address, mode, tags), live status with the classified
// reason when unreachable, and the Edit / Delete actions.
import { Pencil } from "lucide-react";
import type { InstanceHealth, InstancePublic } from "@/lib/client/types";
import { failureHint } from "@/lib/client/failure-hints";
import { ButtonLink } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { RelativeTime } from "@/components/ui/relative-time";
import { Skeleton } from "@/components/ui/skeleton";
import { StatusBadge } from "@/components/ui/status-badge";
import { DeleteInstanceButton } from "./delete-instance-button";
import { RoleGate } from "@/components/auth/role-gate";

export function InstanceHeader({ instance, health, updatedAt }: { instance: InstancePublic; health?: InstanceHealth; updatedAt: number }) {
  const address = `${instance.host}:${instance.port}`;
  return (
    <header className="space-y-3">
      <div className="flex flex-wrap items-start gap-4">
        <div className="min-w-0 flex-1 space-y-2">
          <div className="flex flex-wrap items-center gap-3">
            <h1 className="text-2xl font-bold break-all">{instance.name}</h1>
            {health ? <StatusBadge status={health.status} /> : <Skeleton className="h-7 w-28 rounded-full" />}
          </div>
          <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-muted">
            <span className="inline-flex items-center gap-1">
              <span className="font-mono text-base text-fg">{address}</span>
              <CopyButton text={address} label="Copy address" />
            </span>
            <span>
              Mode <span className="font-semibold text-fg capitalize">{instance.mode}</span>
              {instance.sentinelMaster && <span className="font-mono text-fg"> ({instance.sentinelMaster})</span>}
            </span>
            <span>
              DB <span className="font-mono text-fg">{instance.db}</span>
            </span>
            {instance.tls.enabled && <span className="font-semibold text-fg">TLS</span>}
            {instance.allowRemediation && <span className="font-semibold text-warn">Remediation allowed</span>}
            {health && <RelativeTime at={updatedAt} prefix="Checked " />}
          </div>
          {Object.keys(instance.tags).length > 0 && (
            <ul aria-label="Tags" className="flex flex-wrap gap-1.5">
              {Object.entries(instance.tags).map(([k, v]) => (
                <li key={k} className="rounded border border-line-strong px-2 py-0.5 text-sm">
                  <span className="text-muted">{k}=</span>
                  {v}
                </li>
              ))}
            </ul>
          )}
        </div>
        <RoleGate role="admin">
          <div className="flex gap-2">
            <ButtonLink href={`/instances/${instance.id}/edit`}>
              <Pencil aria-hidden className="size-4" />
              Edit
            </ButtonLink>
            <DeleteInstanceButton id={instance.id} name={instance.name} />
          </div>
        </RoleGate>
      </div>
      {health?.status === "unreachable" && health.reason && (
        <div role="status" className="rounded-lg border border-down/50 bg-down-soft p-4">
          <p className="font-semibold text-down">Unreachable · {health.reason.title}</p>
          <p className="mt-1 font-mono text-sm break-words">{health.reason.message}</p>
          {failureHint(health.reason.code, health.reason.message) && <p className="mt-2 text-sm text-muted">{failureHint(health.reason.code, health.reason.message)}</p>}
        </div>
      )}
    </header>
  );
}
