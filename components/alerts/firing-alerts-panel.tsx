// The fleet page's "Firing alerts": every open alert, firing first then pending, the most severe
// first, above the table so the first thing seen is what is paging. Says so plainly when nothing fires.
"use client";
import { useMemo } from "react";
import { BellOff } from "lucide-react";
import { sortAlerts } from "@/lib/client/alert-view";
import { useOpenAlerts } from "@/lib/client/use-alerts";
import { ErrorPanel } from "@/components/ui/error-panel";
import { Skeleton } from "@/components/ui/skeleton";
import { OpenAlertItem } from "./open-alert-item";

export function FiringAlertsPanel() {
  const q = useOpenAlerts();
  const alerts = useMemo(() => sortAlerts(q.data ?? []), [q.data]);
  const firing = alerts.filter((a) => a.state === "firing").length;
  const pending = alerts.length - firing;
  return (
    <section aria-labelledby="firing-alerts-title" className="rounded-lg border border-line bg-surface px-4 py-3">
      <h2 id="firing-alerts-title" className="flex flex-wrap items-baseline gap-x-2 text-base font-semibold">
        Firing alerts
        {q.data && (
          <span className="text-sm font-normal text-muted">
            {firing} firing{pending > 0 && ` · ${pending} pending`}
          </span>
        )}
      </h2>
      {q.isPending ? (
        <Skeleton className="mt-2 h-8" />
      ) : !q.data ? (
        <ErrorPanel error={q.error} title="Could not read the alerts" className="mt-2" />
      ) : alerts.length === 0 ? (
        <p className="mt-1 flex items-center gap-2 text-muted">
          <BellOff aria-hidden className="size-4" />
          No alerts firing.
        </p>
      ) : (
        <ul className="mt-1">
          {alerts.map((a) => (
            <OpenAlertItem key={a.id} alert={a} />
          ))}
        </ul>
      )}
    </section>
  );
}
