// Per-node view for clusters and Sentinel-managed instances: which node is which, and which is sick.
import type { NodeHealth } from "@/lib/client/types";
import { FAILURE_TITLES } from "@/lib/redis/failure-codes";
import { formatBytes, formatCount, formatOps } from "@/lib/client/format";
import { nodeFigure } from "@/lib/client/health-figures";
import { worstFinding } from "@/lib/probes/finding";
import { SeverityBadge, StatusBadge } from "@/components/ui/status-badge";

function NodeStatus({ n }: { n: NodeHealth }) {
  if (n.error) {
    const title = n.error.code === "probe_failed" ? "Probe failed" : FAILURE_TITLES[n.error.code];
    return (
      <div className="space-y-1">
        <StatusBadge status="unreachable" size="sm" />
        <p className="text-sm">
          <span className="font-semibold text-down">{title}:</span> <span className="font-mono break-all">{n.error.message}</span>
        </p>
      </div>
    );
  }
  const worst = worstFinding(n.findings);
  if (!worst || worst.severity === "ok") return <StatusBadge status="ok" size="sm" />;
  return (
    <div className="space-y-1">
      <SeverityBadge severity={worst.severity} size="sm" />
      <p className="text-sm">{worst.message}</p>
    </div>
  );
}

const num = "px-3 py-2 text-right font-mono text-sm tabular whitespace-nowrap";

export function NodeTable({ nodes }: { nodes: NodeHealth[] }) {
  const slots = nodes.some((n) => n.node.slots !== undefined);
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left">
        <caption className="sr-only">Nodes</caption>
        <thead className="text-sm text-muted">
          <tr>
            <th scope="col" className="px-3 py-2">Address</th>
            <th scope="col" className="px-3 py-2">Role</th>
            <th scope="col" className="px-3 py-2">Status</th>
            {slots && <th scope="col" className="px-3 py-2 text-right">Slots</th>}
            <th scope="col" className="px-3 py-2 text-right">Memory</th>
            <th scope="col" className="px-3 py-2 text-right">Ops/s</th>
            <th scope="col" className="px-3 py-2 text-right">Clients</th>
          </tr>
        </thead>
        <tbody>
          {nodes.map((n) => (
            <tr key={n.node.address} className="border-t border-line align-top">
              <th scope="row" className="px-3 py-2 font-mono text-sm font-normal whitespace-nowrap">{n.node.address}</th>
              <td className="px-3 py-2 text-sm">
                {n.node.role}
                {n.node.failing && <span className="ml-2 font-semibold text-crit uppercase">{n.node.failing}</span>}
              </td>
              <td className="px-3 py-2">
                <NodeStatus n={n} />
              </td>
              {slots && <td className={num}>{n.node.slots ?? "—"}</td>}
              <td className={num}>{formatBytes(nodeFigure(n, "used_memory"))}</td>
              <td className={num}>{formatOps(nodeFigure(n, "instantaneous_ops_per_sec"))}</td>
              <td className={num}>{formatCount(nodeFigure(n, "connected_clients"))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
