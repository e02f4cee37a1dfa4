// The audit records as a table, newest first; the detail JSON shown verbatim (it holds argv and replies).
import type { AuditEntry } from "@/lib/store/audit-repo";

export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  if (entries.length === 0) return <p className="text-muted">No records match.</p>;
  return (
    <table className="w-full text-left text-sm">
      <thead>
        <tr className="border-b border-line">
          <th className="py-2 pr-4">When</th>
          <th className="py-2 pr-4">Actor</th>
          <th className="py-2 pr-4">Action</th>
          <th className="py-2 pr-4">Instance</th>
          <th className="py-2">Detail</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.id} className="border-b border-line align-top">
            <td className="py-2 pr-4 whitespace-nowrap">{new Date(e.at).toISOString().replace("T", " ").slice(0, 19)} UTC</td>
            <td className="py-2 pr-4">{e.actor}</td>
            <td className="py-2 pr-4 font-mono">{e.action}</td>
            <td className="py-2 pr-4 font-mono text-xs">{e.instanceId ?? ""}</td>
            <td className="py-2 font-mono text-xs break-all">{JSON.stringify(e.detail)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
