// The fleet table: sortable headers (buttons with aria-sort) over one row per instance.
import type { FleetSort, FleetSortKey } from "@/lib/client/fleet-view";
import type { FleetEntry } from "@/lib/client/types";
import { FleetRow } from "./fleet-row";
import { SortHeader } from "./sort-header";

interface FleetTableProps {
  entries: FleetEntry[];
  sort: FleetSort;
  onSort: (key: FleetSortKey) => void;
  /** Firing alerts per instance id. */
  firing?: ReadonlyMap<string, number>;
}

export function FleetTable({ entries, sort, onSort, firing }: FleetTableProps) {
  const h = { sort, onSort };
  return (
    <div className="overflow-x-auto rounded-lg border border-line bg-surface">
      <table className="w-full border-collapse text-left">
        <caption className="sr-only">Registered Redis instances, {sort.key === "status" && sort.dir === "desc" ? "worst status first" : `sorted by ${sort.key}`}</caption>
        <thead className="bg-raised/50 text-sm">
          <tr>
            <SortHeader label="Status" sortKey="status" {...h} />
            <SortHeader label="Name" sortKey="name" {...h} />
            <SortHeader label="Address" sortKey="address" {...h} />
            <th scope="col" className="px-2.5 py-2 font-semibold whitespace-nowrap text-muted">
              Mode / role · version
            </th>
            <SortHeader label="Memory" sortKey="memory" align="right" {...h} />
            <SortHeader label="Ops/s" sortKey="ops" align="right" {...h} />
            <SortHeader label="Clients" sortKey="clients" align="right" {...h} />
            <SortHeader label="Keys" sortKey="keys" align="right" {...h} />
            <th scope="col" className="px-2.5 py-2 font-semibold text-muted">
              Worst finding
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <FleetRow key={e.instance.id} entry={e} firing={firing?.get(e.instance.id)} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
