// How bad a status is, for sorting and counting: critical first, then unreachable (we cannot see
// it, so it may be down), then warning, then healthy.
import type { HealthStatus, Severity } from "./types";

export const STATUS_ORDER: readonly HealthStatus[] = ["critical", "unreachable", "warning", "ok"];

export function statusRank(status: HealthStatus): number {
  return STATUS_ORDER.length - STATUS_ORDER.indexOf(status);
}

const SEVERITY_RANK: Record<Severity, number> = { ok: 0, info: 1, warning: 2, critical: 3 };

export function severityRank(severity: Severity): number {
  return SEVERITY_RANK[severity];
}
