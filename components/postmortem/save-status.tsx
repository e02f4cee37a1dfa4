// The autosave state in words, icon and colour, announced politely: Saved / Saving… / Unsaved
// changes / Not saved (with the reason and a retry).
import { CircleCheck, CircleAlert, LoaderCircle, PencilLine } from "lucide-react";
import type { SaveState } from "@/lib/client/use-autosave";
import { ApiProblem } from "@/lib/client/api-fetch";
import { Button } from "@/components/ui/button";

export function SaveStatus({ state, error, savedAt, onRetry }: { state: SaveState; error: unknown; savedAt: string | null; onRetry: () => void }) {
  return (
    <div role="status" aria-live="polite" className="flex items-center gap-2 text-sm">
      {state === "saved" && (
        <span className="inline-flex items-center gap-1 text-ok">
          <CircleCheck aria-hidden className="size-4" />
          {savedAt ? "Saved" : "Draft, not saved yet"}
        </span>
      )}
      {state === "pending" && (
        <span className="inline-flex items-center gap-1 text-muted">
          <PencilLine aria-hidden className="size-4" />
          Unsaved changes
        </span>
      )}
      {state === "saving" && (
        <span className="inline-flex items-center gap-1 text-muted">
          <LoaderCircle aria-hidden className="size-4 animate-spin" />
          Saving…
        </span>
      )}
      {state === "error" && (
        <span className="inline-flex flex-wrap items-center gap-2 text-crit">
          <CircleAlert aria-hidden className="size-4" />
          Not saved: {error instanceof ApiProblem ? (error.detail ?? error.title) : "the server could not be reached"}. Your text is kept here.
          <Button size="sm" onClick={onRetry}>
            Retry
          </Button>
        </span>
      )}
    </div>
  );
}
