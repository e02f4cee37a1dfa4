"use client";
// Runs one fix once its exact command(s) are known: the engineer types them to confirm, confirms again
// in an AlertDialog, and sees each reply (or the classified refusal and what to do next) and the
// verify probe's findings before and after. The server renders the commands again from the same
// params, checks remediation, role and confirmation, and writes the audit log; nothing here is trusted.
import { useId, useState } from "react";
import type { FixPreview } from "@/lib/investigations/fix-preview";
import { useExecuteFix, type FixExecutionView } from "@/lib/client/use-investigation";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ErrorPanel } from "@/components/ui/error-panel";

interface Props {
  investigationId: string;
  fix: FixPreview;
  /** The exact command line(s), one per line: what must be typed, and what will be sent. */
  expected: string;
  params?: Record<string, unknown>;
  disabled?: boolean;
}

export function FixConfirmRun({ investigationId, fix, expected, params, disabled }: Props) {
  const run = useExecuteFix(investigationId);
  const [typed, setTyped] = useState("");
  const [open, setOpen] = useState(false);
  const inputId = useId();
  const lines = expected.split("\n").length;
  const matches = !disabled && expected !== "" && typed.replace(/\r\n/g, "\n").trim() === expected;

  return (
    <div className="space-y-2 rounded-md border border-line p-3">
      <label htmlFor={inputId} className="block font-medium">
        Type the command{lines > 1 ? `s (${lines} lines)` : ""} to confirm
      </label>
      <textarea
        id={inputId}
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        rows={Math.min(12, Math.max(1, lines))}
        spellCheck={false}
        autoComplete="off"
        className="w-full rounded-md border border-line bg-surface px-2 py-1 font-mono"
        placeholder={expected}
      />
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        trigger={
          <Button variant={fix.risk === "destructive" ? "danger" : "primary"} disabled={!matches || run.isPending}>
            Run {fix.title}
          </Button>
        }
        title={`Run ${fix.title}?`}
        description={
          <>
            <p>Redline sends exactly this, and records it in the audit log with your name:</p>
            <pre className="max-h-64 overflow-auto rounded bg-canvas p-2 font-mono text-sm">{expected}</pre>
            {fix.dataCost && <p>Cost: {fix.dataCost}</p>}
          </>
        }
        confirmLabel="Send it"
        busy={run.isPending}
        error={run.error ? <ErrorPanel error={run.error} /> : undefined}
        onConfirm={() => run.mutate({ actionId: fix.id, confirmation: expected, ...(params ? { params } : {}) }, { onSuccess: () => setOpen(false) })}
      />
      {run.data && <ExecutionView execution={run.data} />}
    </div>
  );
}

function codes(r: FixExecutionView["before"]): string {
  if (r.error) return `probe failed: ${r.error.message}`;
  return r.findings.length ? r.findings.map((f) => f.code).join(", ") : "no findings";
}

function ExecutionView({ execution }: { execution: FixExecutionView }) {
  return (
    <div className="space-y-2 text-sm" aria-live="polite" data-testid="fix-execution">
      <ul className="space-y-1">
        {execution.replies.map((r, i) => (
          <li key={i} className="font-mono">
            {r.argv.join(" ")} → {r.error ? <span className="text-crit">{r.error.message}</span> : JSON.stringify(r.reply)}
          </li>
        ))}
      </ul>
      {execution.onError && (
        <div className="rounded-md border border-crit/45 bg-crit-soft p-2">
          <p>{execution.onError.explain}</p>
          {execution.onError.next.length > 0 && <p className="text-muted">Next: {execution.onError.next.join(", ")}</p>}
        </div>
      )}
      <p>
        <span className="font-semibold">Before: </span>
        {codes(execution.before)}
      </p>
      <p>
        <span className="font-semibold">After: </span>
        {codes(execution.after)}
      </p>
      <p className={execution.verified ? "font-semibold text-ok" : "font-semibold text-warn"}>
        <span aria-hidden>{execution.verified ? "✔ " : "⚠ "}</span>
        {execution.verified ? "Verified: the problem's findings are gone." : "Not verified yet: the verify probe still shows the problem."}
      </p>
    </div>
  );
}
