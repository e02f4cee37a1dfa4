// The header row of the dashboard's plain tables: muted, left-aligned column names.
import type { ReactNode } from "react";
import { cx } from "@/lib/client/cx";

export function TableHead({ columns }: { columns: ReactNode[] }) {
  return (
    <thead>
      <tr className="text-muted">
        {columns.map((c, i) => (
          <th key={i} className={cx("py-1 font-medium", i < columns.length - 1 && "pr-4")}>
            {c}
          </th>
        ))}
      </tr>
    </thead>
  );
}
