// The Probe contract (DESIGN.md): a read-only diagnostic with its cost and its redis-cli equivalent.
import type { z } from "zod";
import type { Finding } from "./finding";
import type { ProbeContext } from "./context";
import type { ProbeCost } from "./types";

export interface ProbeOutput<D> {
  data: D;
  findings: Finding[];
  partial?: boolean;
}

export interface Probe<P = Record<string, unknown>, D = unknown> {
  id: string;
  title: string;
  /** One sentence for the catalog: what it tells the on-call engineer. */
  description: string;
  cost: ProbeCost;
  /** What an engineer would type instead; shown and copyable next to every result. */
  redisCli: string;
  params: z.ZodType<P>;
  /** Time the probe needs for these parameters when it is longer than the default budget (a MONITOR window). */
  budgetMs?(params: P): number | undefined;
  run(ctx: ProbeContext, params: P): Promise<ProbeOutput<D>>;
}

/** Keeps each probe's parameter and data types while storing them in one list. */
export function defineProbe<P, D>(probe: Probe<P, D>): Probe<P, D> {
  return probe;
}
