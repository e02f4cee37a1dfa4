// One instance in the fleet table. Figures are monospaced and right-aligned so columns compare at a glance.
import Link from "next/link";
import type { FleetEntry } from "@/lib/client/types";
import { formatBytes, formatCount, formatOps, percentOf } from "@/lib/client/format";
import { StatusBadge } from "@/components/ui/status-badge";
import { FiringCountBadge } from "@/components/alerts/firing-count-badge";
import { cx } from "@/lib/client/cx";
import { InstanceProblem } from "./instance-problem";

const cell = "px-2.5 py-2.5";
const num = `${cell} text-right font-mono text-sm tabular whitespace-nowrap`;
const ROW_ACCENT = { critical: "border-l-crit", unreachable: "border-l-down", warning: "border-l-warn", ok: "border-l-transparent" } as const;

function Limit({ value }: { value: string }) {
  return <span className="text-muted"> / {value}</span>;
}

export function FleetRow({ entry, firing = 0 }: { entry: FleetEntry; firing?: number }) {
  const { instance, health } = entry;
  const s = health.summary;
  const down = health.status === "unreachable";
  const memPct = percentOf(s.usedMemoryBytes, s.maxmemoryBytes);
  return (
    <tr className={cx("border-t border-l-4 border-line align-top hover:bg-raised/60", ROW_ACCENT[health.status])}>
      <td className={cell}>
        <StatusBadge status={health.status} size="sm" />
      </td>
      <th scope="row" className={`${cell} min-w-44 text-left font-normal`}>
        <Link href={`/instances/${instance.id}`} className="font-semibold">
          {instance.name}
        </Link>
        {firing > 0 && (
          <span className="ml-2">
            <FiringCountBadge count={firing} />
          </span>
        )}
        {Object.keys(instance.tags).length > 0 && (
          <div className="mt-1 flex flex-wrap gap-1">
            {Object.entries(instance.tags).map(([k, v]) => (
              <span key={k} className="rounded border border-line px-1.5 text-xs text-muted">
                {k}={v}
              </span>
            ))}
          </div>
        )}
      </th>
      <td className={`${cell} font-mono text-sm whitespace-nowrap`}>
        {instance.host}:{instance.port}
      </td>
      <td className={`${cell} text-sm whitespace-nowrap`}>
        {instance.mode}
        {!down && (
          <div className="text-xs text-muted">
            {s.role} · <span className="font-mono">{s.version}</span>
          </div>
        )}
      </td>
      <td className={num}>
        {formatBytes(s.usedMemoryBytes)}
        {!down && (
          <div className="text-xs text-muted">{s.maxmemoryBytes ? `of ${formatBytes(s.maxmemoryBytes)} · ${memPct}%` : "no maxmemory"}</div>
        )}
      </td>
      <td className={num}>{formatOps(s.opsPerSec)}</td>
      <td className={num}>
        {formatCount(s.connectedClients)}
        {!down && s.maxclients ? <Limit value={formatCount(s.maxclients)} /> : null}
      </td>
      <td className={num}>{formatCount(s.keys)}</td>
      <td className={`${cell} min-w-56 text-sm`}>
        <InstanceProblem health={health} />
      </td>
    </tr>
  );
}
