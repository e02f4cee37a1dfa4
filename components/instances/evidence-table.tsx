// A finding's evidence (the figures that crossed a threshold) as a compact key/value table.
import type { Finding } from "@/lib/client/types";

export function EvidenceTable({ evidence }: { evidence: Finding["evidence"] }) {
  const rows = Object.entries(evidence).filter(([k]) => k !== "playbook");
  if (rows.length === 0) return null;
  return (
    <table className="text-sm">
      <caption className="sr-only">Evidence</caption>
      <tbody>
        {rows.map(([k, v]) => (
          <tr key={k} className="border-t border-line first:border-t-0">
            <th scope="row" className="py-0.5 pr-4 text-left align-top font-normal text-muted">
              {k}
            </th>
            <td className="py-0.5 font-mono break-all tabular">{typeof v === "number" ? v.toLocaleString("en-US", { maximumFractionDigits: 3 }) : v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
