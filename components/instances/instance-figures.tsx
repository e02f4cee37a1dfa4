// The instance's vital figures in one grid, each labelled, with its limit where one applies.
import type { InstanceHealth } from "@/lib/client/types";
import { formatBytes, formatCount, formatCountOfMax, formatDuration, formatMemoryOfMax, formatMs, formatOps, formatRatio, percentOf } from "@/lib/client/format";
import { memoryDetail } from "@/lib/client/health-figures";
import { cx } from "@/lib/client/cx";

type Flag = "warning" | "critical" | undefined;

function Figure({ label, value, sub, alert }: { label: string; value: string; sub?: string; alert?: Flag }) {
  return (
    <div className="rounded-md border border-line bg-canvas/40 p-3">
      <dt className="text-sm text-muted">{label}</dt>
      <dd className={cx("font-mono text-lg font-semibold tabular break-words", alert === "warning" && "text-warn", alert === "critical" && "text-crit")}>{value}</dd>
      {sub && <dd className="text-sm text-muted">{sub}</dd>}
    </div>
  );
}

export function InstanceFigures({ health }: { health: InstanceHealth }) {
  const s = health.summary;
  const mem = memoryDetail(health);
  const memPct = percentOf(s.usedMemoryBytes, s.maxmemoryBytes);
  const clientPct = percentOf(s.connectedClients, s.maxclients);
  // Highlight from the findings, not from thresholds of our own: the rule table is the only copy.
  const flagged = (prefix: string): Flag => {
    const hits = health.findings.filter((f) => f.code.startsWith(prefix)).map((f) => f.severity);
    return hits.includes("critical") ? "critical" : hits.includes("warning") ? "warning" : undefined;
  };
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
      <Figure label="Role" value={s.role} />
      <Figure label="Version" value={s.version} />
      <Figure label="Uptime" value={formatDuration(s.uptimeSeconds)} />
      <Figure label="Memory used / max" value={formatMemoryOfMax(s.usedMemoryBytes, s.maxmemoryBytes)} alert={flagged("memory.")} sub={memPct !== null ? `${memPct}% of maxmemory` : "maxmemory 0: never evicts, may OOM"} />
      <Figure
        label="RSS · fragmentation"
        value={mem ? `${formatBytes(mem.rssBytes)} · ${formatRatio(mem.fragmentationRatio)}` : "—"}
        sub={mem ? `${formatBytes(mem.fragmentationBytes)} fragmented${mem.node ? ` (worst node ${mem.node})` : ""}` : undefined}
        alert={flagged("fragmentation.")}
      />
      <Figure label="Ops/s" value={formatOps(s.opsPerSec)} />
      <Figure label="Clients / maxclients" value={formatCountOfMax(s.connectedClients, s.maxclients)} sub={clientPct !== null ? `${clientPct}% of maxclients` : undefined} alert={flagged("clients.")} />
      <Figure label="Keys" value={formatCount(s.keys)} />
      <Figure label="Nodes reachable" value={`${s.nodesReachable} / ${s.nodes}`} alert={s.nodesReachable < s.nodes ? "warning" : undefined} />
      <Figure label="Health read" value={formatMs(health.durationMs)} sub={new Date(health.checkedAt).toLocaleTimeString()} />
    </dl>
  );
}
