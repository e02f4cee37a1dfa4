// Filters (tag, name/host search) and the refresh control with the age of the data.
import { RefreshCw, Search } from "lucide-react";
import { Button } from "@/components/ui/button";
import { controlClasses } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { cx } from "@/lib/client/cx";

interface FleetToolbarProps {
  tags: string[];
  tag: string;
  onTag: (tag: string) => void;
  search: string;
  onSearch: (q: string) => void;
  updatedAt: number;
  refreshing: boolean;
  onRefresh: () => void;
}

export function FleetToolbar({ tags, tag, onTag, search, onSearch, updatedAt, refreshing, onRefresh }: FleetToolbarProps) {
  return (
    <div className="flex flex-wrap items-end gap-4">
      <div className="flex flex-col gap-1">
        <label htmlFor="fleet-tag" className="text-sm font-semibold">
          Tag
        </label>
        <select id="fleet-tag" value={tag} onChange={(e) => onTag(e.target.value)} className={cx(controlClasses, "h-10 w-56 py-0")}>
          <option value="">All tags</option>
          {tags.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="fleet-search" className="text-sm font-semibold">
          Search
        </label>
        <div className="relative">
          <Search aria-hidden className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted" />
          <input
            id="fleet-search"
            type="search"
            value={search}
            onChange={(e) => onSearch(e.target.value)}
            placeholder="Name or host:port"
            className={cx(controlClasses, "h-10 w-72 pl-9")}
          />
        </div>
      </div>
      <div className="ml-auto flex items-center gap-3 text-sm text-muted">
        <span>
          <RelativeTime at={updatedAt} prefix="Updated " />
          <span className="sr-only"> · refreshes every 5 seconds</span>
        </span>
        {/* Never disabled while polling: that would steal keyboard focus every 5 s. */}
        <Button size="md" onClick={onRefresh} aria-busy={refreshing || undefined}>
          <RefreshCw aria-hidden className={cx("size-4", refreshing && "animate-spin")} />
          Refresh
        </Button>
      </div>
    </div>
  );
}
