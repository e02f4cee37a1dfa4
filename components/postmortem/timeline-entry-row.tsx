"use client";
// One timeline entry: time, kind, text, the commands it sent, who; a star toggle, and (for
// responders) editing its text and time, resetting an edit, or deleting a hand-made entry.
import { useState } from "react";
import { Pencil, Star, Trash2, Undo2 } from "lucide-react";
import type { TimelineEntry } from "@/lib/investigations/timeline-types";
import { argvLine } from "@/lib/investigations/fix-preview";
import { cx } from "@/lib/client/cx";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { TimelineKindBadge } from "./timeline-kind";
import { fromUtcInput, toUtcInput, utcLabel } from "./utc-time";

export type TimelineChangeFn = (c: { kind: "edit"; entryId: string; starred?: boolean; text?: string | null; at?: string | null } | { kind: "delete"; entryId: string }) => Promise<unknown>;

export function TimelineEntryRow({ entry, canEdit, onChange }: { entry: TimelineEntry; canEdit: boolean; onChange: TimelineChangeFn }) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(entry.text);
  const [at, setAt] = useState(toUtcInput(entry.at));
  const fieldId = `tl-${entry.id.replace(/[^A-Za-z0-9_-]/g, "_")}`;
  return (
    <li className={cx("grid gap-2 border-b border-line py-2.5 last:border-b-0 sm:grid-cols-[11rem_1fr_auto]", entry.starred && "bg-warn-soft/40")}>
      <div className="text-sm text-muted tabular-nums">
        <time dateTime={entry.at}>{utcLabel(entry.at)}</time>
        {entry.edited && <span className="block text-xs">(edited{entry.original ? `, was ${utcLabel(entry.original.at)}` : ""})</span>}
      </div>
      <div className="min-w-0 space-y-1">
        {editing ? (
          <form
            className="space-y-2"
            onSubmit={(e) => {
              e.preventDefault();
              void onChange({ kind: "edit", entryId: entry.id, text, at: fromUtcInput(at) }).then(() => setEditing(false));
            }}
          >
            <TextField id={`${fieldId}-text`} label="Text" value={text} onChange={(e) => setText(e.target.value)} required maxLength={4000} />
            <TextField id={`${fieldId}-at`} label="Time (UTC)" type="datetime-local" step={1} value={at} onChange={(e) => setAt(e.target.value)} required />
            <div className="flex gap-2">
              <Button type="submit" size="sm" variant="primary">
                Save entry
              </Button>
              <Button size="sm" onClick={() => setEditing(false)}>
                Cancel
              </Button>
            </div>
          </form>
        ) : (
          <>
            <p className="flex flex-wrap items-center gap-2">
              <TimelineKindBadge entry={entry} />
              <span className="min-w-0 break-words">{entry.text}</span>
            </p>
            {entry.commands && entry.commands.length > 0 && (
              <pre className="overflow-x-auto rounded border border-line bg-canvas px-2 py-1 text-xs whitespace-pre-wrap">
                <code>{entry.commands.map(argvLine).join("\n")}</code>
              </pre>
            )}
            {entry.who && <p className="text-xs text-muted">by {entry.who}</p>}
          </>
        )}
      </div>
      <div className="flex items-start gap-1">
        <Button
          size="sm"
          variant="ghost"
          aria-pressed={entry.starred}
          aria-label={entry.starred ? "Unstar entry" : "Star entry"}
          disabled={!canEdit}
          onClick={() => void onChange({ kind: "edit", entryId: entry.id, starred: !entry.starred })}
        >
          <Star aria-hidden className={cx("size-4", entry.starred && "fill-current text-warn")} />
        </Button>
        {canEdit && !editing && (
          <Button size="sm" variant="ghost" aria-label="Edit entry" onClick={() => setEditing(true)}>
            <Pencil aria-hidden className="size-4" />
          </Button>
        )}
        {canEdit && entry.manual && (
          <Button size="sm" variant="ghost" aria-label="Delete entry" onClick={() => void onChange({ kind: "delete", entryId: entry.id })}>
            <Trash2 aria-hidden className="size-4" />
          </Button>
        )}
        {canEdit && entry.edited && !entry.manual && (
          <Button size="sm" variant="ghost" aria-label="Undo edit" onClick={() => void onChange({ kind: "edit", entryId: entry.id, text: null, at: null })}>
            <Undo2 aria-hidden className="size-4" />
          </Button>
        )}
      </div>
    </li>
  );
}
