// The fleet page's "Firing alerts": open alerts, firing first then pending, the most severe first,
// above the table so the first thing seen is what is paging. A bad night can open dozens: the panel
// shows the first few firing ones and folds the rest (and every pending one) behind disclosures, so
// the fleet table stays on the first screen. Says so plainly when nothing fires.
"use client";
import { useMemo, useState } from "react";
import { BellOff } from "lucide-react";
import { sortAlerts } from "@/lib/client/alert-view";
import { useOpenAlerts } from "@/lib/client/use-alerts";
import { ErrorPanel } from "@/components/ui/error-panel";
import { Skeleton } from "@/components/ui/skeleton";
import { OpenAlertItem } from "./open-alert-item";

const FIRST_FIRING = 6;

export function FiringAlertsPanel() {
  const q = useOpenAlerts();
  const alerts = useMemo(() => sortAlerts(q.data ?? []), [q.data]);
  const [showAll, setShowAll] = useState(false);
  const firingAlerts = alerts.filter((a) => a.state === "firing");
  const pendingAlerts = alerts.filter((a) => a.state !== "firing");
  const firing = firingAlerts.length;
  const pending = pendingAlerts.length;
  const shown = showAll ? firingAlerts : firingAlerts.slice(0, FIRST_FIRING);
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
        <>
          {firing === 0 && <p className="mt-1 text-muted">No alerts firing; {pending} pending (their condition must hold a while longer).</p>}
          <ul className="mt-1">
            {shown.map((a) => (
              <OpenAlertItem key={a.id} alert={a} />
            ))}
          </ul>
          {firing > FIRST_FIRING && (
            <button type="button" className="mt-1 text-sm font-medium text-primary underline" aria-expanded={showAll} onClick={() => setShowAll((v) => !v)}>
              {showAll ? "Show the first few only" : `Show all ${firing} firing alerts`}
            </button>
          )}
          {pending > 0 && (
            <details className="mt-2">
              <summary className="cursor-pointer text-sm text-muted">{pending} pending</summary>
              <ul className="mt-1">
                {pendingAlerts.map((a) => (
                  <OpenAlertItem key={a.id} alert={a} />
                ))}
              </ul>
            </details>
          )}
        </>
      )}
    </section>
  );
}
