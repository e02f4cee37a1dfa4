// A sortable column header: a real button inside the <th>, with aria-sort on the <th> itself.
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import type { FleetSort, FleetSortKey } from "@/lib/client/fleet-view";
import { cx } from "@/lib/client/cx";

interface SortHeaderProps {
  label: string;
  sortKey: FleetSortKey;
  sort: FleetSort;
  onSort: (key: FleetSortKey) => void;
  align?: "left" | "right";
}

export function SortHeader({ label, sortKey, sort, onSort, align = "left" }: SortHeaderProps) {
  const active = sort.key === sortKey;
  const Icon = !active ? ArrowUpDown : sort.dir === "asc" ? ArrowUp : ArrowDown;
  return (
    <th scope="col" aria-sort={active ? (sort.dir === "asc" ? "ascending" : "descending") : "none"} className={cx("px-2.5 py-2", align === "right" && "text-right")}>
      <button
        type="button"
        onClick={() => onSort(sortKey)}
        className={cx(
          "inline-flex items-center gap-1 rounded px-1 py-0.5 font-semibold hover:bg-raised hover:text-fg",
          active ? "text-fg" : "text-muted",
          align === "right" && "flex-row-reverse",
        )}
      >
        {label}
        <Icon aria-hidden className={cx("size-3.5", !active && "opacity-60")} />
      </button>
    </th>
  );
}
