// The one line that says what is wrong with an instance: why it cannot be reached, or its worst finding.
import type { FleetHealth } from "@/lib/client/types";
import { SEVERITY_TONES } from "@/components/ui/status-meta";
import { cx } from "@/lib/client/cx";

export function InstanceProblem({ health }: { health: FleetHealth }) {
  if (health.status === "unreachable" && health.reason) {
    return (
      <span className="text-fg">
        <span className="font-semibold text-down">{health.reason.title}:</span> <span className="break-words">{health.reason.message}</span>
      </span>
    );
  }
  const worst = health.worst;
  if (!worst || worst.severity === "ok") return <span className="text-muted">No findings</span>;
  const tone = SEVERITY_TONES[worst.severity];
  const Icon = tone.icon;
  const more = health.findings.filter((f) => f.severity !== "ok").length - 1;
  return (
    <span className="inline-flex items-start gap-1.5">
      <Icon role="img" aria-label={tone.label} className={cx("mt-0.5 size-4 shrink-0", tone.text)} strokeWidth={2.5} />
      <span>
        {worst.message}
        {more > 0 && <span className="ml-1.5 text-sm whitespace-nowrap text-muted">+{more} more</span>}
      </span>
    </span>
  );
}
