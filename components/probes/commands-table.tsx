// The exact commands Redline sent for a probe run, with timing and node: the evidence trail.
import type { CommandRecord } from "@/lib/client/types";
import { formatArgv } from "@/lib/client/argv";
import { formatMs } from "@/lib/client/format";

export function CommandsTable({ commands }: { commands: CommandRecord[] }) {
  if (commands.length === 0) return <p className="text-sm text-muted">No command was sent.</p>;
  const multiNode = commands.some((c) => c.node);
  return (
    <div className="overflow-x-auto rounded-md border border-line">
      <table className="w-full text-sm">
        <caption className="sr-only">Commands sent</caption>
        <thead className="bg-raised">
          <tr>
            <th scope="col" className="px-2.5 py-1.5 text-left">Command</th>
            {multiNode && <th scope="col" className="px-2.5 py-1.5 text-left">Node</th>}
            <th scope="col" className="px-2.5 py-1.5 text-right">Time</th>
          </tr>
        </thead>
        <tbody>
          {commands.map((c, i) => (
            <tr key={i} className="border-t border-line align-top">
              <td className="px-2.5 py-1 font-mono break-all">
                {formatArgv(c.argv)}
                {c.error && <div className="font-sans font-semibold text-crit">Error: {c.error}</div>}
              </td>
              {multiNode && <td className="px-2.5 py-1 font-mono whitespace-nowrap">{c.node ?? "—"}</td>}
              <td className="px-2.5 py-1 text-right font-mono tabular whitespace-nowrap">{formatMs(c.durationMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
