// An array of flat objects as a table (client lists, slowlog entries, big keys…), capped at 200 rows:
// the browser stays fast and the rest is in the raw JSON.
import { isScalar, ScalarText, type Scalar } from "./scalar";

export const MAX_ROWS = 200;
/** Lists longer than this make a row unreadable: such data is shown as sub-sections instead. */
const MAX_CELL_ITEMS = 40;

export type Cell = Scalar | Scalar[];

export function isCell(v: unknown): v is Cell {
  return isScalar(v) || (Array.isArray(v) && v.length <= MAX_CELL_ITEMS && v.every(isScalar));
}

/** A list cell reads as words (an argv reads as the command it was). */
function CellText({ value }: { value: Cell }) {
  return Array.isArray(value) ? <ScalarText value={value.map((v) => (v === null || v === undefined ? "—" : String(v))).join(" ")} /> : <ScalarText value={value} />;
}

export function RowsTable({ rows, label }: { rows: Array<Record<string, Cell>>; label?: string }) {
  const shown = rows.slice(0, MAX_ROWS);
  const columns: string[] = [];
  for (const r of shown) for (const k of Object.keys(r)) if (!columns.includes(k)) columns.push(k);
  const numeric = new Set(columns.filter((c) => shown.every((r) => r[c] === undefined || r[c] === null || typeof r[c] === "number")));
  return (
    <div className="space-y-1">
      <div className="max-h-[32rem] w-fit max-w-full overflow-auto rounded-md border border-line">
        <table className="text-sm">
          {label && <caption className="sr-only">{label}</caption>}
          <thead className="sticky top-0 bg-raised">
            <tr>
              {columns.map((c) => (
                <th key={c} scope="col" className={`px-2.5 py-1.5 font-semibold whitespace-nowrap ${numeric.has(c) ? "text-right" : "text-left"}`}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((r, i) => (
              <tr key={i} className="border-t border-line align-top">
                {columns.map((c) => (
                  <td key={c} className={`px-2.5 py-1 ${numeric.has(c) ? "text-right" : "font-mono"}`}>
                    <CellText value={r[c]} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-sm text-muted">
        {rows.length > MAX_ROWS ? `Showing ${MAX_ROWS} of ${rows.length} rows: ${rows.length - MAX_ROWS} more in the raw JSON.` : `${rows.length} row${rows.length === 1 ? "" : "s"}`}
      </p>
    </div>
  );
}
