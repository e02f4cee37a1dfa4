// One probe run: when and how long, partial or failed (classified), findings, data, commands sent.
import { TriangleExclamationPoint } from "lucide-react";
import type { ProbeResult } from "@/lib/client/types";
import { FAILURE_TITLES } from "@/lib/redis/failure-codes";
import { formatMs } from "@/lib/client/format";
import { ErrorPanel } from "@/components/ui/error-panel";
import { RelativeTime } from "@/components/ui/relative-time";
import { FindingsList } from "@/components/instances/findings-list";
import { CommandsTable } from "./commands-table";
import { DataView } from "./data-view";
import { RawJson } from "./raw-json";

function SubHeading({ children }: { children: string }) {
  return <h4 className="text-sm font-semibold tracking-wide text-muted uppercase">{children}</h4>;
}

export function ProbeResultView({ result }: { result: ProbeResult }) {
  const hasData = result.data !== null && result.data !== undefined;
  return (
    <div className="space-y-4 rounded-md border border-line bg-canvas/40 p-4">
      <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-muted">
        <span>
          Ran <RelativeTime at={Date.parse(result.startedAt)} /> · took <span className="font-mono text-fg">{formatMs(result.durationMs)}</span>
        </span>
        {result.node && <span className="font-mono">{result.node}</span>}
        {result.partial && !result.error && (
          <span className="inline-flex items-center gap-1 font-semibold text-warn">
            <TriangleExclamationPoint aria-hidden className="size-4" strokeWidth={2.5} />
            Partial result: a node or step did not complete, or the time budget ran out (see the commands below)
          </span>
        )}
      </p>
      {result.error && (
        <ErrorPanel title={result.error.code === "probe_failed" ? "Probe failed" : FAILURE_TITLES[result.error.code]} detail={result.error.message} code={result.error.code} />
      )}
      {/* After a failure, "no findings" would read as good news. */}
      {(!result.error || result.findings.length > 0) && (
        <section className="space-y-2">
          <SubHeading>Findings</SubHeading>
          <FindingsList findings={result.findings} emptyText="No findings from this probe." />
        </section>
      )}
      {hasData && (
        <section className="space-y-2">
          <SubHeading>Data</SubHeading>
          <DataView value={result.data} label={`${result.probeId} data`} />
          <RawJson value={result.data} />
        </section>
      )}
      <section className="space-y-2">
        <SubHeading>Commands sent</SubHeading>
        <CommandsTable commands={result.commands} />
      </section>
    </div>
  );
}
