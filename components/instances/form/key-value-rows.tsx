// Editable rows of two text inputs (tags; renamed commands) with add/remove buttons. Each input has
// its own numbered label ("Tag 1 key") so it is reachable and unambiguous for screen readers and tests.
"use client";
import { Plus, X } from "lucide-react";
import { newRow, type KeyValueRow } from "@/lib/client/instance-form-values";
import { Button } from "@/components/ui/button";
import { controlClasses, FieldError } from "@/components/ui/field";
import { cx } from "@/lib/client/cx";

interface KeyValueRowsProps {
  idPrefix: string;
  rows: KeyValueRow[];
  onChange: (rows: KeyValueRow[]) => void;
  keyHeading: string;
  valueHeading: string;
  keyLabel: (n: number) => string;
  valueLabel: (n: number) => string;
  /** Must not contain keyLabel's text, or "Tag 2 key" would also find the button. */
  removeLabel: (n: number) => string;
  keyPlaceholder?: string;
  valuePlaceholder?: (key: string) => string | undefined;
  addLabel: string;
  rowError: (row: KeyValueRow) => string | undefined;
  separator?: string;
  monoKeys?: boolean;
}

export function KeyValueRows(p: KeyValueRowsProps) {
  const update = (rowId: string, patch: Partial<KeyValueRow>) => p.onChange(p.rows.map((r) => (r.rowId === rowId ? { ...r, ...patch } : r)));
  return (
    <div className="space-y-2">
      {p.rows.length > 0 && (
        <div aria-hidden className="grid grid-cols-[1fr_auto_1fr_auto] gap-2 text-sm font-semibold text-muted">
          <span>{p.keyHeading}</span>
          <span className="w-4" />
          <span>{p.valueHeading}</span>
          <span className="w-24" />
        </div>
      )}
      {p.rows.map((row, i) => {
        const error = p.rowError(row);
        const errorId = error ? `${p.idPrefix}-${row.rowId}-error` : undefined;
        return (
          <div key={row.rowId} className="space-y-1">
            <div className="grid grid-cols-[1fr_auto_1fr_auto] items-center gap-2">
              <input
                id={`${p.idPrefix}-key-${row.rowId}`}
                aria-label={p.keyLabel(i + 1)}
                aria-invalid={error ? true : undefined}
                aria-describedby={errorId}
                value={row.key}
                spellCheck={false}
                placeholder={p.keyPlaceholder}
                onChange={(e) => update(row.rowId, { key: e.target.value })}
                className={cx(controlClasses, p.monoKeys && "font-mono")}
              />
              <span aria-hidden className="w-4 text-center text-muted">
                {p.separator ?? "="}
              </span>
              <input
                id={`${p.idPrefix}-value-${row.rowId}`}
                aria-label={p.valueLabel(i + 1)}
                value={row.value}
                spellCheck={false}
                placeholder={p.valuePlaceholder?.(row.key.trim())}
                onChange={(e) => update(row.rowId, { value: e.target.value })}
                className={cx(controlClasses, p.monoKeys && "font-mono")}
              />
              <Button size="sm" variant="ghost" className="w-24" onClick={() => p.onChange(p.rows.filter((r) => r.rowId !== row.rowId))} aria-label={`${p.removeLabel(i + 1)}${row.key ? ` (${row.key})` : ""}`}>
                <X aria-hidden className="size-4" />
                Remove
              </Button>
            </div>
            {error && <FieldError id={errorId}>{error}</FieldError>}
          </div>
        );
      })}
      <Button size="sm" onClick={() => p.onChange([...p.rows, newRow()])}>
        <Plus aria-hidden className="size-4" />
        {p.addLabel}
      </Button>
    </div>
  );
}
