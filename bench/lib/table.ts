// Plain-text tables for the terminal and for pasting into BENCHMARKS.md (Markdown pipes).
import type { BenchReport, SummaryRow } from "./report";

type Cell = string | number | null | undefined;

function text(v: Cell): string {
  if (v === null || v === undefined) return "–";
  return typeof v === "number" ? String(v) : v;
}

export function markdownTable(header: string[], rows: Cell[][]): string {
  const cells = [header, ...rows.map((r) => r.map(text))];
  const widths = header.map((_, c) => Math.max(3, ...cells.map((r) => (r[c] ?? "").length)));
  const line = (r: string[]) => `| ${r.map((v, c) => v.padEnd(widths[c]!)).join(" | ")} |`;
  return [line(cells[0]!), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...cells.slice(1).map(line)].join("\n");
}

function verdict(r: SummaryRow): string {
  if (r.met === undefined) return "";
  if (r.met === null) return "n/a";
  return r.met ? "met" : "MISSED";
}

export function summaryTable(reports: BenchReport[]): string {
  const rows: Cell[][] = [];
  for (const rep of reports) {
    for (const r of rep.summary) {
      rows.push([
        rep.bench,
        r.metric,
        r.value === null ? null : `${r.value} ${r.unit}`.trim(),
        r.reference ? `${r.reference.name}: ${text(r.reference.value)} ${r.unit}`.trim() : "",
        r.ratio === undefined ? "" : r.ratio === null ? "–" : `${r.ratio}×`,
        r.target ?? "",
        verdict(r),
        r.note ?? "",
      ]);
    }
  }
  return markdownTable(["bench", "metric", "value", "reference (same run)", "ratio", "target", "verdict", "note"], rows);
}
