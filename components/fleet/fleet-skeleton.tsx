// The fleet page's shape while the first answer is on its way (health reads can take a moment).
import { LoadingStatus, Skeleton } from "@/components/ui/skeleton";

export function FleetSkeleton() {
  return (
    <div className="space-y-4">
      <LoadingStatus label="Loading the fleet…" />
      <Skeleton className="h-6 w-96" />
      <div className="flex gap-4">
        <Skeleton className="h-10 w-56" />
        <Skeleton className="h-10 w-72" />
      </div>
      <div className="space-y-px overflow-hidden rounded-lg border border-line">
        {Array.from({ length: 6 }, (_, i) => (
          <Skeleton key={i} className="h-12 rounded-none" />
        ))}
      </div>
    </div>
  );
}
