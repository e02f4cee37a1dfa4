// One benchmark's result: the summary rows the table and BENCHMARKS.md show (each figure with the
// reference it is a ratio of, measured in the same run, and its target), plus raw details.
export interface SummaryRow {
  metric: string;
  value: number | null;
  unit: string;
  /** The reference measured in the same run; `ratio` is value / reference.value. */
  reference?: { name: string; value: number | null };
  ratio?: number | null;
  target?: string;
  /** Whether the target is met; null when it could not be judged. */
  met?: boolean | null;
  note?: string;
}

export interface BenchReport {
  bench: string;
  params: Record<string, unknown>;
  startedAt: string;
  durationMs: number;
  loadavg: { before: number[]; after: number[] };
  summary: SummaryRow[];
  details: unknown;
}
