// Status and severity badges: icon + word + colour, readable without colour vision.
import { cx } from "@/lib/client/cx";
import type { HealthStatus, Severity } from "@/lib/client/types";
import { SEVERITY_TONES, STATUS_TONES, type Tone } from "./status-meta";

/** Any tone (health, severity, alert state) as a badge. */
export function ToneBadge({ tone, className, size = "md" }: { tone: Tone; className?: string; size?: "sm" | "md" }) {
  const Icon = tone.icon;
  return (
    <span
      className={cx(
        "inline-flex shrink-0 items-center gap-1.5 rounded-full border font-semibold whitespace-nowrap",
        size === "sm" ? "px-2 py-px text-xs" : "px-2.5 py-0.5 text-sm",
        tone.text,
        tone.soft,
        className,
      )}
    >
      <Icon aria-hidden className={size === "sm" ? "size-3.5" : "size-4"} strokeWidth={2.5} />
      {tone.label}
    </span>
  );
}

export function StatusBadge({ status, className, size }: { status: HealthStatus; className?: string; size?: "sm" | "md" }) {
  return <ToneBadge tone={STATUS_TONES[status]} className={className} size={size} />;
}

export function SeverityBadge({ severity, className, size }: { severity: Severity; className?: string; size?: "sm" | "md" }) {
  return <ToneBadge tone={SEVERITY_TONES[severity]} className={className} size={size} />;
}
