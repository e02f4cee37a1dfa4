// Use cases behind the metrics and alerts routes: an instance's series for a window, the alert list
// (open ones first, history on request), the Prometheus exposition and rules.
import "server-only";
import type { AlertsQuery, MetricsQuery } from "@/lib/api/schemas/metrics";
import { requireConnectionConfig } from "@/lib/instances/instance-service";
import { getStore } from "@/lib/store/get-store";
import { listAlerts } from "@/lib/store/alerts-repo";
import type { AlertState, AlertView } from "./alert-state";
import { instanceMetrics } from "./metrics-query";
import type { InstanceMetrics } from "./metrics-response";
import { exposition } from "./prometheus-exposition";
import { getSampler } from "./sampler-registry";

export async function metricsForInstance(id: string, query: MetricsQuery): Promise<InstanceMetrics> {
  const config = await requireConnectionConfig(id);
  const { db } = await getStore();
  return instanceMetrics({ db, sampler: getSampler() }, config, query);
}

export async function alertList(q: AlertsQuery): Promise<AlertView[]> {
  const { db } = await getStore();
  const states: AlertState[] | undefined = q.state === "open" ? ["pending", "firing"] : q.state === "all" ? undefined : [q.state];
  const [alerts, instances] = await Promise.all([
    listAlerts(db, { instanceId: q.instanceId, states, limit: q.limit }),
    db.selectFrom("instances").select(["id", "name", "host", "port"]).execute(),
  ]);
  const byId = new Map(instances.map((i) => [i.id, { id: i.id, name: i.name, address: `${i.host}:${i.port}` }]));
  return alerts.map((a) => ({ ...a, instance: byId.get(a.instanceId) ?? null }));
}

export function prometheusExposition(): Promise<{ body: string; contentType: string }> {
  return exposition(getSampler());
}
