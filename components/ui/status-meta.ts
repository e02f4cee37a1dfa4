// Word, icon and colour for every status and severity: colour is never the only signal (WCAG 1.4.1).
import { CircleCheck, Info, OctagonX, TriangleExclamationPoint, Unplug, type LucideIcon } from "lucide-react";
import type { HealthStatus, Severity } from "@/lib/client/types";

export interface Tone {
  label: string;
  icon: LucideIcon;
  /** Text colour class. */
  text: string;
  /** Tinted background + border for badges and callouts. */
  soft: string;
}

const OK: Tone = { label: "Healthy", icon: CircleCheck, text: "text-ok", soft: "bg-ok-soft border-ok/45" };
const WARNING: Tone = { label: "Warning", icon: TriangleExclamationPoint, text: "text-warn", soft: "bg-warn-soft border-warn/45" };
const CRITICAL: Tone = { label: "Critical", icon: OctagonX, text: "text-crit", soft: "bg-crit-soft border-crit/45" };

export const STATUS_TONES: Record<HealthStatus, Tone> = {
  ok: OK,
  warning: WARNING,
  critical: CRITICAL,
  unreachable: { label: "Unreachable", icon: Unplug, text: "text-down", soft: "bg-down-soft border-down/45" },
};

export const SEVERITY_TONES: Record<Severity, Tone> = {
  ok: { ...OK, label: "OK" },
  info: { label: "Info", icon: Info, text: "text-info", soft: "bg-info-soft border-info/45" },
  warning: WARNING,
  critical: CRITICAL,
};
