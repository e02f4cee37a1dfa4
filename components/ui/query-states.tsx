// The two states every panel that reads one query shows before its data: loading (skeleton blocks
// plus one announced status) and failed (the classified error with a retry). One piece, so every
// panel loads and fails the same way.
import { Button } from "@/components/ui/button";
import { ErrorPanel } from "@/components/ui/error-panel";
import { LoadingStatus, Skeleton } from "@/components/ui/skeleton";

/** `blocks`: one Tailwind size class list per placeholder block, shaped like the content to come. */
export function QueryLoading({ label, blocks }: { label: string; blocks: string[] }) {
  return (
    <div className="space-y-2">
      <LoadingStatus label={label} />
      {blocks.map((className, i) => (
        <Skeleton key={i} className={className} />
      ))}
    </div>
  );
}

export function QueryFailed({ query, title }: { query: { error: unknown; refetch: () => unknown }; title?: string }) {
  return <ErrorPanel error={query.error} title={title} actions={<Button onClick={() => void query.refetch()}>Try again</Button>} />;
}
