// Reading alerts at a glance: how long each has been going on (or lasted), its value in the
// rule's unit, and firing counts per instance for the fleet table. Pure.
import type { AlertRecord, AlertState, AlertView } from "@/lib/metrics/alert-state";
import { severityRank } from "./status-order";
import { findRule } from "@/lib/metrics/rules";
import { formatTimeFull } from "./time-axis";
import { formatValue } from "./unit-format";

/** Firing: since it fired; pending: since it started to hold; resolved: how long it lasted. */
export function alertDurationMs(a: AlertRecord, now: number): number {
  if (a.state === "resolved") return Math.max(0, (a.resolvedAt ?? a.startedAt) - a.startedAt);
  const since = a.state === "firing" ? (a.firedAt ?? a.startedAt) : a.startedAt;
  return Math.max(0, now - since);
}

/** "firing for", "pending for", "lasted". */
export function durationWords(a: AlertRecord): string {
  return a.state === "resolved" ? "lasted" : `${a.state} for`;
}

/** An alert's value in its rule's unit ("2.31", "92%", "150 ms"); flags read yes/no. */
export function formatAlertValue(value: number | null, ruleId: string): string {
  const unit = findRule(ruleId)?.unit;
  if (value === null) return "—";
  if (unit === "flag") return value > 0 ? "yes" : "no";
  return formatValue(value, unit ?? "count");
}

export function firingCountByInstance(alerts: readonly AlertView[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const a of alerts) if (a.state === "firing") counts.set(a.instanceId, (counts.get(a.instanceId) ?? 0) + 1);
  return counts;
}

const DAY = 86_400_000;

/** "14:02:11" today (viewer's day); "Mon 24 Nov, 14:02:11" on another day, so a time is never ambiguous. */
export function formatAlertTime(t: number | null, now: number, timeZone?: string): string {
  if (t === null) return "—";
  const sameDay = Math.abs(now - t) < DAY && new Date(t).getDate() === new Date(now).getDate();
  return formatTimeFull(t, sameDay ? 0 : 2 * DAY, timeZone);
}

const STATE_ORDER: Record<AlertState, number> = { firing: 0, pending: 1, resolved: 2 };

/** Firing, then pending, then resolved (as the API); within each the most severe, then the newest. */
export function sortAlerts<T extends AlertRecord>(alerts: readonly T[]): T[] {
  return [...alerts].sort((a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state] || severityRank(b.severity) - severityRank(a.severity) || b.startedAt - a.startedAt);
}
