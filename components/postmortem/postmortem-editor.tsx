"use client";
// The postmortem document, pre-filled from the investigation and the playbook, saved as the author
// types (debounced; one save at a time; a failed save keeps the text and offers a retry). The root
// cause shows the evidence that decided it. Viewers read it; responders edit it.
import { useRef, useState } from "react";
import type { Postmortem, PostmortemDoc } from "@/lib/investigations/postmortem-schema";
import type { Hypothesis } from "@/lib/investigations/types";
import { putPostmortem } from "@/lib/client/use-postmortem";
import { useAutosave } from "@/lib/client/use-autosave";
import { TextAreaField, TextField } from "@/components/ui/field";
import { ActionItemsEditor } from "./action-items-editor";
import { SaveStatus } from "./save-status";
import { fromUtcInput, toUtcInput } from "./utc-time";

interface Props {
  initial: Postmortem;
  hypotheses: Hypothesis[];
  readOnly: boolean;
  /** Called on the first edit: the draft must no longer be replaced by a fresher one. */
  onTouched?: () => void;
}

export function PostmortemEditor({ initial, hypotheses, readOnly, onTouched }: Props) {
  const [doc, setDoc] = useState<PostmortemDoc>(initial.doc);
  const [savedAt, setSavedAt] = useState(initial.updatedAt);
  const version = useRef(initial.version);
  const autosave = useAutosave({
    save: (d: PostmortemDoc) => putPostmortem(initial.investigationId, d, version.current),
    onSaved: (pm: Postmortem) => {
      version.current = pm.version;
      setSavedAt(pm.updatedAt);
    },
  });
  const update = (patch: Partial<PostmortemDoc>) => {
    const next = { ...doc, ...patch };
    onTouched?.();
    setDoc(next);
    autosave.change(next);
  };
  const area = (key: "summary" | "impact" | "trigger" | "rootCause" | "resolution", label: string, hint?: string) => (
    <TextAreaField id={`pm-${key}`} label={label} hint={hint} rows={key === "summary" || key === "rootCause" ? 4 : 3} value={doc[key]} readOnly={readOnly} onChange={(e) => update({ [key]: e.target.value })} className="font-sans" />
  );
  const decided = hypotheses.filter((h) => h.state === "confirmed");

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-muted">{readOnly ? "Read only: responders edit the postmortem." : "Saved as you type. Markdown is kept as written in the exports."}</p>
        {!readOnly && <SaveStatus state={autosave.state} error={autosave.error} savedAt={savedAt} onRetry={() => void autosave.retry()} />}
      </div>
      {area("summary", "Summary", "What happened, in two or three sentences.")}
      {area("impact", "Impact", "Who noticed what, for how long: errors, latency, lost data.")}
      <div className="grid gap-3 md:grid-cols-[1fr_16rem]">
        <TextAreaField id="pm-detection" label="Detection" hint="How it was noticed: alert, customer, dashboard." rows={2} value={doc.detection.how} readOnly={readOnly} onChange={(e) => update({ detection: { ...doc.detection, how: e.target.value } })} className="font-sans" />
        <TextField
          id="pm-noticed-at"
          label="Noticed at (UTC)"
          type="datetime-local"
          step={1}
          value={toUtcInput(doc.detection.noticedAt)}
          readOnly={readOnly}
          onChange={(e) => update({ detection: { ...doc.detection, noticedAt: fromUtcInput(e.target.value) } })}
        />
      </div>
      {area("trigger", "Trigger", "What set it off this time (a deploy, a job, traffic).")}
      {area("rootCause", "Root cause")}
      <div className="rounded-md border border-line bg-canvas p-3 text-sm">
        <p className="font-semibold">Evidence from the investigation</p>
        {decided.length === 0 ? (
          <p className="text-muted">No root cause is confirmed by the saved results yet: run the playbook's steps.</p>
        ) : (
          <ul className="mt-1 space-y-1">
            {decided.map((h) => (
              <li key={h.rootCauseId}>
                <span className="font-medium">{h.title}</span>: confirmed by {h.decidedBy.map((c) => <code key={c} className="mr-1">{c}</code>)}
              </li>
            ))}
          </ul>
        )}
      </div>
      {area("resolution", "Resolution", "What stopped the incident; the fixes Redline ran are listed.")}
      <ActionItemsEditor items={doc.actionItems} readOnly={readOnly} onChange={(actionItems) => update({ actionItems })} />
      <fieldset className="grid gap-3 md:grid-cols-3">
        <legend className="mb-1 text-sm font-semibold">Lessons</legend>
        <TextAreaField id="pm-went-well" label="What went well" rows={3} value={doc.lessons.wentWell} readOnly={readOnly} onChange={(e) => update({ lessons: { ...doc.lessons, wentWell: e.target.value } })} className="font-sans" />
        <TextAreaField id="pm-went-wrong" label="What went wrong" rows={3} value={doc.lessons.wentWrong} readOnly={readOnly} onChange={(e) => update({ lessons: { ...doc.lessons, wentWrong: e.target.value } })} className="font-sans" />
        <TextAreaField id="pm-lucky" label="Where we got lucky" rows={3} value={doc.lessons.lucky} readOnly={readOnly} onChange={(e) => update({ lessons: { ...doc.lessons, lucky: e.target.value } })} className="font-sans" />
      </fieldset>
    </div>
  );
}
