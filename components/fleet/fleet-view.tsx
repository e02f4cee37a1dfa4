// The fleet page's live part: counts, filters, the sortable table, refresh every 5 s. A failed
// refresh keeps the last list on screen and says how old it is.
"use client";
import { useMemo, useState } from "react";
import { useFleet } from "@/lib/client/use-fleet";
import { useOpenAlerts } from "@/lib/client/use-alerts";
import { firingCountByInstance } from "@/lib/client/alert-view";
import { countByStatus, DEFAULT_FLEET_SORT, filterFleet, nextSort, sortFleet, tagPairs, type FleetSort } from "@/lib/client/fleet-view";
import { ErrorPanel } from "@/components/ui/error-panel";
import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";
import { FiringAlertsPanel } from "@/components/alerts/firing-alerts-panel";
import { FleetCounts } from "./fleet-counts";
import { FleetEmpty } from "./fleet-empty";
import { FleetSkeleton } from "./fleet-skeleton";
import { FleetTable } from "./fleet-table";
import { FleetToolbar } from "./fleet-toolbar";

export function FleetView() {
  const fleet = useFleet();
  const openAlerts = useOpenAlerts();
  const [sort, setSort] = useState<FleetSort>(DEFAULT_FLEET_SORT);
  const [tag, setTag] = useState("");
  const [search, setSearch] = useState("");
  const all = fleet.data;
  const tags = useMemo(() => tagPairs(all ?? []), [all]);
  const shown = useMemo(() => sortFleet(filterFleet(all ?? [], { tag, search }), sort), [all, tag, search, sort]);
  const firing = useMemo(() => firingCountByInstance(openAlerts.data ?? []), [openAlerts.data]);

  if (fleet.isPending) return <FleetSkeleton />;
  if (!all) {
    return <ErrorPanel error={fleet.error} live actions={<Button onClick={() => fleet.refetch()}>Try again</Button>} />;
  }
  if (all.length === 0) return <FleetEmpty />;

  return (
    <div className="space-y-4">
      <FleetCounts counts={countByStatus(all)} total={all.length} />
      <FiringAlertsPanel />
      {fleet.isError && (
        <ErrorPanel
          error={fleet.error}
          live
          title={`Refresh failed: showing the fleet as of ${new Date(fleet.dataUpdatedAt).toLocaleTimeString()}`}
          actions={
            <span className="text-sm text-muted">
              Data is stale (<RelativeTime at={fleet.dataUpdatedAt} />
              ). Retrying every 5 s.
            </span>
          }
        />
      )}
      <FleetToolbar
        tags={tags}
        tag={tag}
        onTag={setTag}
        search={search}
        onSearch={setSearch}
        updatedAt={fleet.dataUpdatedAt}
        refreshing={fleet.isFetching}
        onRefresh={() => fleet.refetch()}
      />
      <p className="text-sm text-muted" role="status">
        {shown.length === all.length ? `${all.length} instances` : `Showing ${shown.length} of ${all.length} instances`}
      </p>
      {shown.length > 0 ? (
        <FleetTable entries={shown} sort={sort} onSort={(key) => setSort((s) => nextSort(s, key))} firing={firing} />
      ) : (
        <p className="rounded-lg border border-dashed border-line-strong p-6 text-center text-muted">No instance matches these filters.</p>
      )}
    </div>
  );
}
