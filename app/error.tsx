// Unexpected failure while rendering a page: say so plainly, offer a retry and the way to the fleet.
"use client";
import { useEffect } from "react";
import { OctagonX } from "lucide-react";
import { Button, ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;
  return (
    <div className="space-y-4">
      <h1 className="sr-only">Error</h1>
      <EmptyState
        icon={OctagonX}
        title="This page failed to load"
        actions={
          <>
            <Button variant="primary" onClick={() => retry()}>
              Try again
            </Button>
            <ButtonLink href="/">Back to the fleet</ButtonLink>
          </>
        }
      >
        <p>Something went wrong on the Redline server while building this page. It has been logged.</p>
        {digest && (
          <p className="text-sm">
            Reference <code className="rounded bg-raised px-1.5 py-0.5 text-fg">{digest}</code>
          </p>
        )}
      </EmptyState>
    </div>
  );
}
