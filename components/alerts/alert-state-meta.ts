// Word, icon and colour of each alert state, like status-meta for health: colour is never alone.
import { BellRing, CircleCheck, Hourglass } from "lucide-react";
import type { AlertState } from "@/lib/client/types";
import type { Tone } from "@/components/ui/status-meta";

/** The same shape as the health tones, so the same badge draws both. */
export type AlertStateTone = Tone;

export const ALERT_STATE_TONES: Record<AlertState, AlertStateTone> = {
  firing: { label: "Firing", icon: BellRing, text: "text-crit", soft: "bg-crit-soft border-crit/45" },
  pending: { label: "Pending", icon: Hourglass, text: "text-warn", soft: "bg-warn-soft border-warn/45" },
  resolved: { label: "Resolved", icon: CircleCheck, text: "text-ok", soft: "bg-ok-soft border-ok/45" },
};
