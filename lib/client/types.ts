// The API's response shapes as the browser sees them, typed from the server's own exports
// (type-only imports: nothing from server-only files ends up in the client bundle).
import type { FleetEntry, FleetHealth } from "@/lib/instances/instance-service";
import type { ConnectionTestResult } from "@/lib/instances/test-connection";
import type { HealthStatus, InstanceHealth, NodeHealth } from "@/lib/metrics/instance-health";
import type { Finding, Severity } from "@/lib/probes/finding";
import type { CommandRecord, ProbeCost, ProbeError, ProbeResult } from "@/lib/probes/types";
import type { InstancePublic } from "@/lib/api/schemas/instance";
import type { ProbeCatalogEntry } from "@/lib/probes/registry";
import type { InstanceMetrics, MetricSeries } from "@/lib/metrics/metrics-response";
import type { Marker } from "@/lib/metrics/marker";
import type { AlertState, AlertView } from "@/lib/metrics/alert-state";

export type { FleetEntry, FleetHealth, ConnectionTestResult, HealthStatus, InstanceHealth, NodeHealth, Finding, Severity, CommandRecord, ProbeCost, ProbeError, ProbeResult, InstancePublic, ProbeCatalogEntry };
export type { InstanceMetrics, MetricSeries, Marker, AlertState, AlertView };

export interface FleetResponse {
  instances: FleetEntry[];
}
export interface InstanceResponse {
  instance: InstancePublic;
}
export interface HealthResponse {
  health: InstanceHealth;
}
export interface ProbeCatalogResponse {
  probes: ProbeCatalogEntry[];
}
export interface ProbeRunResponse {
  result: ProbeResult;
}
export interface ConnectionTestResponse {
  result: ConnectionTestResult;
}
export interface MetricsResponse {
  metrics: InstanceMetrics;
}
export interface AlertsResponse {
  alerts: AlertView[];
}
