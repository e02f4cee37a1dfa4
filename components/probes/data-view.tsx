// Renders any probe's data without knowing its shape: flat-object arrays as tables, scalars as a
// definition list, nested objects as titled sub-sections, recursively (to a sane depth).
import { isScalar, ScalarText, type Scalar } from "./scalar";
import { isCell, MAX_ROWS, RowsTable, type Cell } from "./rows-table";

const MAX_DEPTH = 5;

/** A row of a table: scalars, or short scalar lists (a slowlog entry's argv) shown in one cell. */
function isRowObject(v: unknown): v is Record<string, Cell> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && Object.values(v).every(isCell);
}

function Heading({ depth, children }: { depth: number; children: string }) {
  const Tag = depth <= 1 ? "h4" : depth === 2 ? "h5" : "h6";
  return <Tag className="font-mono text-sm font-semibold text-fg">{children}</Tag>;
}

function ArrayView({ value, depth, label }: { value: unknown[]; depth: number; label?: string }) {
  if (value.length === 0) return <p className="text-sm text-muted">(empty list)</p>;
  if (value.every(isRowObject)) return <RowsTable rows={value} label={label} />;
  if (value.every(isScalar)) {
    const shown = value.slice(0, MAX_ROWS);
    return (
      <p className="font-mono text-sm break-words">
        {shown.map((v, i) => (
          <span key={i}>
            {i > 0 && <span className="text-muted">, </span>}
            <ScalarText value={v} />
          </span>
        ))}
        {value.length > MAX_ROWS && <span className="text-muted"> … {value.length - MAX_ROWS} more</span>}
      </p>
    );
  }
  return (
    <div className="space-y-3">
      {value.slice(0, 50).map((item, i) => (
        <DataView key={i} value={item} depth={depth + 1} label={`${label ?? "item"}[${i}]`} />
      ))}
      {value.length > 50 && <p className="text-sm text-muted">{value.length - 50} more items in the raw JSON.</p>}
    </div>
  );
}

export function DataView({ value, depth = 0, label }: { value: unknown; depth?: number; label?: string }) {
  const titled = (body: React.ReactNode) =>
    label && depth > 0 ? (
      <section className="space-y-2 border-l-2 border-line pl-3">
        <Heading depth={depth}>{label}</Heading>
        {body}
      </section>
    ) : (
      body
    );
  if (isScalar(value)) return titled(<ScalarText value={value} />);
  if (depth > MAX_DEPTH) return titled(<pre className="overflow-x-auto text-xs">{JSON.stringify(value, null, 2)}</pre>);
  if (Array.isArray(value)) return titled(<ArrayView value={value} depth={depth} label={label} />);

  const entries = Object.entries(value as Record<string, unknown>);
  const scalars = entries.filter(([, v]) => isScalar(v)) as Array<[string, Scalar]>;
  const nested = entries.filter(([, v]) => !isScalar(v));
  return titled(
    <div className="space-y-3">
      {scalars.length > 0 && (
        <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
          {scalars.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-muted">{k}</dt>
              <dd>
                <ScalarText value={v} className={typeof v === "string" ? "font-mono" : undefined} />
              </dd>
            </div>
          ))}
        </dl>
      )}
      {nested.map(([k, v]) => (
        <DataView key={k} value={v} depth={depth + 1} label={k} />
      ))}
    </div>,
  );
}
