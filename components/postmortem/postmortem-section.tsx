"use client";
// The postmortem part of the investigation page: export buttons, the timeline and the document.
// Lives next to the wizard (not inside it), with its own loading and error states.
import { useEffect, useRef } from "react";
import { FileText } from "lucide-react";
import type { InvestigationDetail } from "@/lib/investigations/types";
import { useInvestigation } from "@/lib/client/use-investigation";
import { usePostmortem } from "@/lib/client/use-postmortem";
import { useCan } from "@/components/auth/role-provider";
import { Card } from "@/components/ui/card";
import { QueryFailed, QueryLoading } from "@/components/ui/query-states";
import { ExportBar } from "./export-bar";
import { PostmortemEditor } from "./postmortem-editor";
import { TimelineSection } from "./timeline-section";

export function PostmortemSection({ initial }: { initial: InvestigationDetail }) {
  const { data: inv } = useInvestigation(initial.id, initial);
  const pm = usePostmortem(initial.id);
  const canEdit = useCan("responder");
  // An unsaved draft follows the investigation (a root cause chosen, a fix run) until someone types
  // in it; from the first keystroke the author's text is never replaced.
  const touched = useRef(false);
  const { refetch } = pm;
  const draft = pm.data?.version === 0;
  useEffect(() => {
    if (draft && !touched.current) void refetch();
  }, [inv.updatedAt, draft, refetch]);
  return (
    <div className="space-y-6" id="postmortem-area">
      <TimelineSection investigationId={initial.id} />
      <Card
        id="postmortem"
        title={
          <span className="inline-flex items-center gap-2">
            <FileText aria-hidden className="size-5" />
            Postmortem
          </span>
        }
      >
        <div className="space-y-4">
          <ExportBar investigationId={initial.id} />
          {pm.isPending ? (
            <QueryLoading label="Loading the postmortem…" blocks={["h-20 w-full", "h-20 w-full"]} />
          ) : pm.isError ? (
            <QueryFailed query={pm} title="The postmortem could not be loaded" />
          ) : (
            <PostmortemEditor
              key={pm.data.version === 0 ? `draft-${pm.dataUpdatedAt}` : "saved"}
              initial={pm.data}
              hypotheses={inv.hypotheses}
              readOnly={!canEdit}
              onTouched={() => (touched.current = true)}
            />
          )}
        </div>
      </Card>
    </div>
  );
}
