// What "Test connection" found: the server's identity and latency, a mode mismatch warning, or the
// classified failure with what to check. Announced politely when it arrives.
import { CircleCheck, TriangleExclamationPoint } from "lucide-react";
import type { ConnectionTestResult as Result } from "@/lib/client/types";
import { formatMs } from "@/lib/client/format";
import { ErrorPanel } from "@/components/ui/error-panel";

interface Props {
  pending: boolean;
  result?: Result;
  error: unknown;
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-sm text-muted">{label}</dt>
      <dd className="font-mono text-base font-semibold">{value}</dd>
    </div>
  );
}

export function ConnectionTestResult({ pending, result, error }: Props) {
  return (
    <div aria-live="polite" className="empty:hidden">
      {pending ? (
        <p className="text-muted">Testing connection…</p>
      ) : error ? (
        <ErrorPanel error={error} />
      ) : result ? (
        <div className="space-y-3 rounded-lg border border-ok/50 bg-ok-soft p-4">
          <p className="flex items-center gap-2 font-semibold text-ok">
            <CircleCheck aria-hidden className="size-5" strokeWidth={2.5} />
            Connected
          </p>
          <dl className="grid grid-cols-2 gap-x-6 gap-y-2 sm:grid-cols-5">
            <Figure label="Version" value={result.version} />
            <Figure label="Role" value={result.role} />
            <Figure label="Detected mode" value={result.detectedMode} />
            <Figure label="Latency" value={formatMs(result.latencyMs)} />
            <Figure label="Nodes" value={String(result.nodes)} />
          </dl>
          {result.warning && (
            <p className="flex gap-2 rounded-md border border-warn/50 bg-warn-soft p-3 text-sm">
              <TriangleExclamationPoint aria-hidden className="mt-0.5 size-4 shrink-0 text-warn" strokeWidth={2.5} />
              <span>
                <strong className="text-warn">Warning:</strong> {result.warning}
              </span>
            </p>
          )}
        </div>
      ) : null}
    </div>
  );
}
