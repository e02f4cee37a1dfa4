// Placeholder blocks while data loads; hidden from assistive tech, which gets one "Loading" status.
import { cx } from "@/lib/client/cx";

export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden className={cx("animate-pulse rounded bg-raised", className)} />;
}

export function LoadingStatus({ label = "Loading…" }: { label?: string }) {
  return (
    <p role="status" className="sr-only">
      {label}
    </p>
  );
}
