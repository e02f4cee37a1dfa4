// A chart's shape while its first answer is on its way.
import { Skeleton } from "@/components/ui/skeleton";

export function ChartSkeleton({ height }: { height: number }) {
  return (
    <div aria-hidden className="space-y-2 rounded-md border border-line p-3">
      <Skeleton className="h-5 w-40" />
      <div style={{ height }}>
        <Skeleton className="h-full w-full" />
      </div>
      <Skeleton className="h-4 w-64" />
    </div>
  );
}
