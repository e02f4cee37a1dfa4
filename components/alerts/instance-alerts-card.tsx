// The instance page's "Alerts": open ones first (the most severe first), then the resolved
// history, newest first. Refreshed every 5 s.
"use client";
import { useMemo } from "react";
import { BellOff } from "lucide-react";
import { sortAlerts } from "@/lib/client/alert-view";
import { INSTANCE_ALERT_LIMIT, useInstanceAlerts } from "@/lib/client/use-alerts";
import { Card } from "@/components/ui/card";
import { QueryFailed, QueryLoading } from "@/components/ui/query-states";
import { AlertHistoryItem } from "./alert-history-item";

export function InstanceAlertsCard({ instanceId }: { instanceId: string }) {
  const q = useInstanceAlerts(instanceId);
  const alerts = useMemo(() => sortAlerts(q.data ?? []), [q.data]);
  const firing = alerts.filter((a) => a.state === "firing").length;
  const title = q.data ? `Alerts (${firing} firing${alerts.length > firing ? `, ${alerts.length} in history` : ""})` : "Alerts";
  // The answer's time, not the render's: every item agrees on what "today" is, and render stays pure.
  const now = q.dataUpdatedAt;
  return (
    <Card id="alerts" title={title}>
      {q.isPending ? (
        <QueryLoading label="Loading alerts…" blocks={["h-14"]} />
      ) : !q.data ? (
        <QueryFailed query={q} title="Could not read the alerts" />
      ) : alerts.length === 0 ? (
        <p className="flex items-center gap-2 text-muted">
          <BellOff aria-hidden className="size-5" />
          <span className="text-fg">No alerts: no alert rule has held on this instance in the kept history.</span>
        </p>
      ) : (
        <>
          <ul>
            {alerts.map((a) => (
              <AlertHistoryItem key={a.id} alert={a} now={now} />
            ))}
          </ul>
          {alerts.length >= INSTANCE_ALERT_LIMIT && <p className="mt-3 text-sm text-muted">Showing the latest {INSTANCE_ALERT_LIMIT}.</p>}
        </>
      )}
    </Card>
  );
}
