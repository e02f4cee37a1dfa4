"use client";
// The investigation's timeline: generated from its records, alerts and markers, refreshed while the
// page is open; responders star, edit and add entries (with their time, in UTC).
import { useState } from "react";
import { ListOrdered } from "lucide-react";
import { useChangeTimeline, useTimeline } from "@/lib/client/use-postmortem";
import { useCan } from "@/components/auth/role-provider";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorPanel } from "@/components/ui/error-panel";
import { TextField } from "@/components/ui/field";
import { QueryFailed, QueryLoading } from "@/components/ui/query-states";
import { TimelineEntryRow } from "./timeline-entry-row";
import { fromUtcInput, toUtcInput } from "./utc-time";

export function TimelineSection({ investigationId }: { investigationId: string }) {
  const timeline = useTimeline(investigationId);
  const change = useChangeTimeline(investigationId);
  const canEdit = useCan("responder");
  const [text, setText] = useState("");
  const [at, setAt] = useState(() => toUtcInput(new Date().toISOString()));
  const [starredOnly, setStarredOnly] = useState(false);
  const entries = (timeline.data ?? []).filter((e) => !starredOnly || e.starred);

  return (
    <Card
      id="timeline"
      title="Timeline"
      actions={
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={starredOnly} onChange={(e) => setStarredOnly(e.target.checked)} />
          Starred only
        </label>
      }
    >
      {timeline.isPending ? (
        <QueryLoading label="Loading the timeline…" blocks={["h-6 w-full", "h-6 w-4/5"]} />
      ) : timeline.isError ? (
        <QueryFailed query={timeline} title="The timeline could not be loaded" />
      ) : entries.length === 0 ? (
        <EmptyState icon={ListOrdered} title={starredOnly ? "No starred entries" : "Nothing on the timeline yet"}>
          {starredOnly ? "Star the entries that matter for the postmortem: the Markdown and PDF mark them." : "Run a step of the playbook, add a note or an entry below: each shows up here with its time."}
        </EmptyState>
      ) : (
        <ol aria-label="Timeline entries" className="divide-line">
          {entries.map((e) => (
            <TimelineEntryRow key={e.id} entry={e} canEdit={canEdit} onChange={(c) => change.mutateAsync(c)} />
          ))}
        </ol>
      )}
      {change.isError && <ErrorPanel error={change.error} title="The timeline change was not saved" live className="mt-3" />}
      {canEdit && (
        <form
          aria-label="Add a timeline entry"
          className="mt-4 grid gap-3 border-t border-line pt-4 sm:grid-cols-[14rem_1fr_auto] sm:items-end"
          onSubmit={(e) => {
            e.preventDefault();
            void change.mutateAsync({ kind: "add", at: fromUtcInput(at), text }).then(() => setText(""));
          }}
        >
          <TextField id="timeline-new-at" label="Time (UTC)" type="datetime-local" step={1} value={at} onChange={(e) => setAt(e.target.value)} required />
          <TextField id="timeline-new-text" label="What happened" value={text} onChange={(e) => setText(e.target.value)} required maxLength={4000} placeholder="e.g. Support reported checkout timeouts" />
          <Button type="submit" variant="primary" busy={change.isPending && change.variables?.kind === "add"}>
            Add entry
          </Button>
        </form>
      )}
    </Card>
  );
}
