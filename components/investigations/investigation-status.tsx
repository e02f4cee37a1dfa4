// Investigation status and hypothesis state as word + icon + colour (never colour alone).
import { CircleCheck, CircleDashed, CircleX, Search, ShieldCheck, type LucideIcon } from "lucide-react";
import { cx } from "@/lib/client/cx";
import type { HypothesisState, InvestigationStatus } from "@/lib/investigations/types";

interface Look {
  label: string;
  icon: LucideIcon;
  cls: string;
}

export const STATUS_LOOK: Record<InvestigationStatus, Look> = {
  open: { label: "Open", icon: Search, cls: "text-warn bg-warn-soft border-warn/45" },
  mitigated: { label: "Mitigated", icon: ShieldCheck, cls: "text-info bg-info-soft border-info/45" },
  resolved: { label: "Resolved", icon: CircleCheck, cls: "text-ok bg-ok-soft border-ok/45" },
};

export const HYPOTHESIS_LOOK: Record<HypothesisState, Look> = {
  confirmed: { label: "Confirmed", icon: CircleCheck, cls: "text-crit bg-crit-soft border-crit/45" },
  "ruled-out": { label: "Ruled out", icon: CircleX, cls: "text-muted bg-raised border-line-strong" },
  open: { label: "Open", icon: CircleDashed, cls: "text-fg bg-raised border-line-strong" },
};

export function LookBadge({ look, className }: { look: Look; className?: string }) {
  const Icon = look.icon;
  return (
    <span className={cx("inline-flex shrink-0 items-center gap-1.5 rounded-full border px-2.5 py-0.5 text-sm font-semibold whitespace-nowrap", look.cls, className)}>
      <Icon aria-hidden className="size-4" strokeWidth={2.5} />
      {look.label}
    </span>
  );
}
