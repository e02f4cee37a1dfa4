// A timeline entry's kind as word + icon + colour (never colour alone).
import { Activity, BellRing, BellOff, CircleDot, FlaskConical, Hand, NotebookPen, Play, RefreshCw, Repeat, Search, ShieldCheck, Wrench, type LucideIcon } from "lucide-react";
import type { TimelineEntry, TimelineKind } from "@/lib/investigations/timeline-types";
import { cx } from "@/lib/client/cx";

const LOOK: Record<TimelineKind, { label: string; icon: LucideIcon }> = {
  started: { label: "Started", icon: Play },
  probe: { label: "Probe", icon: FlaskConical },
  finding: { label: "Finding", icon: Search },
  fix: { label: "Fix", icon: Wrench },
  note: { label: "Note", icon: NotebookPen },
  status: { label: "Status", icon: ShieldCheck },
  "root-cause": { label: "Root cause", icon: CircleDot },
  "alert-fired": { label: "Alert fired", icon: BellRing },
  "alert-resolved": { label: "Alert resolved", icon: BellOff },
  restart: { label: "Restart", icon: RefreshCw },
  failover: { label: "Failover", icon: Repeat },
  "role-change": { label: "Role change", icon: Activity },
  manual: { label: "Added by hand", icon: Hand },
};

const SEVERITY_CLS: Record<NonNullable<TimelineEntry["severity"]>, string> = {
  critical: "text-crit bg-crit-soft border-crit/45",
  warning: "text-warn bg-warn-soft border-warn/45",
  info: "text-info bg-info-soft border-info/45",
  ok: "text-ok bg-ok-soft border-ok/45",
};

export function TimelineKindBadge({ entry }: { entry: Pick<TimelineEntry, "kind" | "severity"> }) {
  const look = LOOK[entry.kind];
  const Icon = look.icon;
  return (
    <span className={cx("inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs font-semibold whitespace-nowrap", entry.severity ? SEVERITY_CLS[entry.severity] : "border-line-strong bg-raised text-fg")}>
      <Icon aria-hidden className="size-3.5" strokeWidth={2.5} />
      {look.label}
      {entry.severity && entry.severity !== "ok" && <span className="sr-only">, {entry.severity}</span>}
    </span>
  );
}
