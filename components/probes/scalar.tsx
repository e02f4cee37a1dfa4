// One value from a probe's data, formatted for reading: separators for numbers, yes/no, a dash for null.
import { cx } from "@/lib/client/cx";

export type Scalar = string | number | boolean | null | undefined;

export function isScalar(v: unknown): v is Scalar {
  return v === null || v === undefined || ["string", "number", "boolean"].includes(typeof v);
}

export function ScalarText({ value, className }: { value: Scalar; className?: string }) {
  if (value === null || value === undefined) return <span className="text-muted">—</span>;
  if (typeof value === "boolean") return <span className={className}>{value ? "yes" : "no"}</span>;
  if (typeof value === "number") return <span className={cx("font-mono tabular", className)}>{value.toLocaleString("en-US", { maximumFractionDigits: 3 })}</span>;
  return <span className={cx("break-words", className)}>{value}</span>;
}
