// Alerting coverage as word + icon + colour.
import { ShieldAlert, ShieldCheck, ShieldOff } from "lucide-react";
import type { CoverageLevel } from "@/lib/investigations/team-view";
import { cx } from "@/lib/client/cx";

const LOOK = {
  covered: { label: "Covered", icon: ShieldCheck, cls: "text-ok bg-ok-soft border-ok/45" },
  partial: { label: "Partial", icon: ShieldAlert, cls: "text-warn bg-warn-soft border-warn/45" },
  none: { label: "No coverage", icon: ShieldOff, cls: "text-crit bg-crit-soft border-crit/45" },
} as const;

export function CoverageBadge({ level }: { level: CoverageLevel }) {
  const l = LOOK[level];
  return (
    <span className={cx("inline-flex items-center gap-1.5 rounded-full border px-2.5 py-0.5 text-sm font-semibold whitespace-nowrap", l.cls)}>
      <l.icon aria-hidden className="size-4" strokeWidth={2.5} />
      {l.label}
    </span>
  );
}
