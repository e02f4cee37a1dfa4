"use client";
// The postmortem part of the investigation page: export buttons, the timeline and the document.
// Lives next to the wizard (not inside it), with its own loading and error states.
import { useEffect, useRef } from "react";
import { FileText } from "lucide-react";
import type { InvestigationDetail } from "@/lib/investigations/types";
import { useInvestigation } from "@/lib/client/use-investigation";
import { usePostmortem } from "@/lib/client/use-postmortem";
import { useCan } from "@/components/auth/role-provider";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ErrorPanel } from "@/components/ui/error-panel";
import { LoadingStatus, Skeleton } from "@/components/ui/skeleton";
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
            <div className="space-y-2">
              <LoadingStatus label="Loading the postmortem…" />
              <Skeleton className="h-20 w-full" />
              <Skeleton className="h-20 w-full" />
            </div>
          ) : pm.isError ? (
            <ErrorPanel error={pm.error} title="The postmortem could not be loaded" actions={<Button onClick={() => void pm.refetch()}>Try again</Button>} />
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
