// "3 critical · 1 warning · 12 healthy · 1 unreachable": the fleet at a glance, icon + word + colour.
import type { HealthStatus } from "@/lib/client/types";
import { STATUS_TONES } from "@/components/ui/status-meta";
import { cx } from "@/lib/client/cx";

const ORDER: HealthStatus[] = ["critical", "warning", "ok", "unreachable"];
const WORD: Record<HealthStatus, string> = { critical: "critical", warning: "warning", ok: "healthy", unreachable: "unreachable" };

export function FleetCounts({ counts, total }: { counts: Record<HealthStatus, number>; total: number }) {
  return (
    <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-base">
      <span className="sr-only">{total} instances: </span>
      {ORDER.map((status, i) => {
        const tone = STATUS_TONES[status];
        const Icon = tone.icon;
        const n = counts[status];
        return (
          <span key={status} className="inline-flex items-center gap-2">
            {i > 0 && <span aria-hidden className="text-muted">·</span>}
            <span className={cx("inline-flex items-center gap-1.5 font-semibold", n > 0 ? tone.text : "text-muted")}>
              <Icon aria-hidden className="size-4" strokeWidth={2.5} />
              <span className="tabular">{n}</span> {WORD[status]}
            </span>
          </span>
        );
      })}
    </p>
  );
}
