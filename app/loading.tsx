// Shown while a page's server part renders (the instance page reads its settings first).
import { LoadingStatus, Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div className="space-y-4">
      <LoadingStatus />
      <Skeleton className="h-8 w-64" />
      <Skeleton className="h-5 w-96" />
      <Skeleton className="h-40" />
    </div>
  );
}
