"use client";
// One investigation step: why, the redis-cli equivalent, Run (saved before "saved" is shown), the
// saved results latest first, and a note field that keeps its text when saving fails.
import { useId, useState } from "react";
import { CircleCheck, Play } from "lucide-react";
import type { InvestigationStep } from "@/lib/playbooks/schema";
import { isProbeResult, type InvestigationStepRecord } from "@/lib/investigations/types";
import type { StepCondition } from "@/lib/investigations/hypotheses";
import { useRunStep, usePatchInvestigation } from "@/lib/client/use-investigation";
import { Button } from "@/components/ui/button";
import { CodeBlock } from "@/components/ui/code-block";
import { ErrorPanel } from "@/components/ui/error-panel";
import { RelativeTime } from "@/components/ui/relative-time";
import { controlClasses } from "@/components/ui/field";
import { ProbeResultView } from "@/components/probes/probe-result-view";
import { RoleGate } from "@/components/auth/role-gate";

interface Props {
  investigationId: string;
  index: number;
  step: InvestigationStep;
  records: InvestigationStepRecord[];
  condition: StepCondition;
}

export function StepCard({ investigationId, index, step, records, condition }: Props) {
  const run = useRunStep(investigationId);
  const patch = usePatchInvestigation(investigationId);
  const [note, setNote] = useState("");
  const [noteSaved, setNoteSaved] = useState(false);
  const noteId = useId();
  const results = records.flatMap((r) => (isProbeResult(r.result) ? [{ ...r, result: r.result }] : []));
  const notes = records.filter((r) => r.note);

  const saveNote = () =>
    patch.mutate(
      { note: { stepId: step.id, text: note } },
      {
        // Cleared only once the server has it; on error the text stays in the field.
        onSuccess: () => {
          setNote("");
          setNoteSaved(true);
        },
      },
    );

  return (
    <section aria-labelledby={`step-${step.id}`} className="space-y-3 rounded-lg border border-line bg-surface p-4">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h3 id={`step-${step.id}`} className="text-base font-semibold">
          {index + 1}. {step.title}
        </h3>
        <RoleGate role="responder">
          <Button variant="primary" size="sm" busy={run.isPending} onClick={() => run.mutate(step.id)}>
            {!run.isPending && <Play aria-hidden className="size-4" />}
            {run.isPending ? "Running…" : results.length ? "Run again" : "Run"}
          </Button>
        </RoleGate>
      </div>
      {step.when && (
        <p className={condition.applies ? "text-sm text-fg" : "text-sm text-muted"}>
          {condition.applies ? (
            <>
              <strong>Condition met</strong> by {condition.metBy.map((c) => <code key={c} className="mr-1">{c}</code>)}: this step applies.
            </>
          ) : (
            <>
              <strong>Condition not met yet</strong>: this step applies when an earlier step finds {step.when.anyOf.map((c) => <code key={c} className="mr-1">{c}</code>)}.
            </>
          )}
        </p>
      )}
      <p className="text-sm">{step.why}</p>
      <CodeBlock code={step.redisCli} label="Copy redis-cli command" />
      <p className="text-sm text-muted">
        <span className="font-semibold text-fg">How to read it: </span>
        {step.interpret.meaning}
      </p>
      <div aria-live="polite">
        {run.isError && <ErrorPanel error={run.error} title="The step did not run; nothing was saved" />}
        {run.isSuccess && (
          <p className="flex items-center gap-1.5 text-sm text-ok">
            <CircleCheck aria-hidden className="size-4" strokeWidth={2.5} />
            <span className="text-fg">Result saved to the investigation.</span>
          </p>
        )}
      </div>
      {results.length > 0 && (
        <div className="space-y-3">
          <h4 className="text-sm font-semibold">Saved results ({results.length}, latest first)</h4>
          {results.map((r) => (
            <div key={r.id} className="space-y-1">
              <p className="text-xs text-muted">
                Saved <RelativeTime at={Date.parse(r.at)} /> by <span className="font-mono">{r.who}</span> · <time dateTime={r.at}>{new Date(r.at).toLocaleString()}</time>
              </p>
              <ProbeResultView result={r.result} />
            </div>
          ))}
        </div>
      )}
      {notes.length > 0 && (
        <ul className="space-y-1 text-sm">
          {notes.map((n) => (
            <li key={n.id} className="rounded-md border border-line bg-canvas/40 px-3 py-2">
              <p className="whitespace-pre-wrap">{n.note}</p>
              <p className="text-xs text-muted">
                {n.who} · <RelativeTime at={Date.parse(n.at)} />
              </p>
            </li>
          ))}
        </ul>
      )}
      <form
        className="space-y-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (note.trim()) saveNote();
        }}
      >
        <label htmlFor={noteId} className="block text-sm font-medium">
          Note on this step
        </label>
        <textarea
          id={noteId}
          className={controlClasses}
          rows={2}
          value={note}
          onChange={(e) => {
            setNote(e.target.value);
            setNoteSaved(false);
          }}
        />
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" size="sm" busy={patch.isPending} disabled={!note.trim()}>
            Save note
          </Button>
          <span aria-live="polite" className="text-sm">
            {noteSaved && !patch.isPending && "Note saved."}
          </span>
        </div>
        {patch.isError && <ErrorPanel error={patch.error} title="The note was not saved; your text is kept above" />}
      </form>
    </section>
  );
}
