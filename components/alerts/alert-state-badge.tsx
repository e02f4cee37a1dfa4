// An alert's state as a badge: icon + word + colour, drawn by the same badge as health statuses.
import type { AlertState } from "@/lib/client/types";
import { ToneBadge } from "@/components/ui/status-badge";
import { ALERT_STATE_TONES } from "./alert-state-meta";

export function AlertStateBadge({ state, size = "md" }: { state: AlertState; size?: "sm" | "md" }) {
  return <ToneBadge tone={ALERT_STATE_TONES[state]} size={size} />;
}
