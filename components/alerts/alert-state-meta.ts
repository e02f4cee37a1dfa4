// Word, icon and colour of each alert state, like status-meta for health: colour is never alone.
import { BellRing, CircleCheck, Hourglass, type LucideIcon } from "lucide-react";
import type { AlertState } from "@/lib/client/types";

export interface AlertStateTone {
  label: string;
  icon: LucideIcon;
  text: string;
  soft: string;
}

export const ALERT_STATE_TONES: Record<AlertState, AlertStateTone> = {
  firing: { label: "Firing", icon: BellRing, text: "text-crit", soft: "bg-crit-soft border-crit/45" },
  pending: { label: "Pending", icon: Hourglass, text: "text-warn", soft: "bg-warn-soft border-warn/45" },
  resolved: { label: "Resolved", icon: CircleCheck, text: "text-ok", soft: "bg-ok-soft border-ok/45" },
};
