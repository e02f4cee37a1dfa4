// A lab scenario's state as word + icon + colour, like every status in Redline.
import { Activity, Ban, CircleStop, LoaderCircle, OctagonX, type LucideIcon } from "lucide-react";
import type { LabStatus } from "@/lib/lab/lab-service";
import { cx } from "@/lib/client/cx";

const TONES: Record<LabStatus, { label: string; icon: LucideIcon; cls: string; spin?: boolean }> = {
  stopped: { label: "Stopped", icon: CircleStop, cls: "text-muted border-line-strong" },
  starting: { label: "Starting…", icon: LoaderCircle, cls: "text-info bg-info-soft border-info/45", spin: true },
  running: { label: "Incident running", icon: Activity, cls: "text-crit bg-crit-soft border-crit/45" },
  stopping: { label: "Stopping…", icon: LoaderCircle, cls: "text-muted border-line-strong", spin: true },
  failed: { label: "Failed to start", icon: OctagonX, cls: "text-crit border-crit/45" },
  unavailable: { label: "Not available here", icon: Ban, cls: "text-warn bg-warn-soft border-warn/45" },
};

export function LabStatusBadge({ status }: { status: LabStatus }) {
  const t = TONES[status];
  const Icon = t.icon;
  return (
    <span className={cx("inline-flex items-center gap-1.5 rounded-full border px-2.5 py-0.5 text-sm font-semibold whitespace-nowrap", t.cls)}>
      <Icon aria-hidden className={cx("size-4", t.spin && "animate-spin")} strokeWidth={2.5} />
      {t.label}
    </span>
  );
}
