// An alert's state as a badge: icon + word + colour, the same shape as the status badges.
import type { AlertState } from "@/lib/client/types";
import { cx } from "@/lib/client/cx";
import { ALERT_STATE_TONES } from "./alert-state-meta";

export function AlertStateBadge({ state, size = "md" }: { state: AlertState; size?: "sm" | "md" }) {
  const tone = ALERT_STATE_TONES[state];
  const Icon = tone.icon;
  return (
    <span
      className={cx(
        "inline-flex shrink-0 items-center gap-1.5 rounded-full border font-semibold whitespace-nowrap",
        size === "sm" ? "px-2 py-px text-xs" : "px-2.5 py-0.5 text-sm",
        tone.text,
        tone.soft,
      )}
    >
      <Icon aria-hidden className={size === "sm" ? "size-3.5" : "size-4"} strokeWidth={2.5} />
      {tone.label}
    </span>
  );
}
