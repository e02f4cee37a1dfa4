// After a split brain heals: which of the writes the isolated master acknowledged still exist,
// read back from the node that now owns the slots. A write is lost when its key is missing or
// holds another value (the majority side's version of the same order).
import "server-only";
import { withLabClient, type LabEndpoint } from "../../lab-client";
import type { AcceptedWrite } from "./order-writer";

export interface LostWritesReport {
  /** All writes the isolated master acknowledged after the cut. */
  acceptedDuringPartition: number;
  /** How many of them were read back (the kept ones). */
  checked: number;
  lost: number;
  /** Lost because the key no longer exists. */
  missing: number;
  /** Lost because the key now holds the other side's value. */
  overwritten: number;
  sample: Array<{ key: string; acknowledged: string; now: string | null }>;
}

export async function checkLostWrites(owner: LabEndpoint, accepted: AcceptedWrite[], total: number): Promise<LostWritesReport> {
  // GETs in a pipeline, not MGET: the keys span several slots (CROSSSLOT).
  const values = await withLabClient(owner, async (c) => {
    const pipeline = c.pipeline();
    for (const w of accepted) pipeline.get(w.key);
    return ((await pipeline.exec()) ?? []).map(([err, value]) => (err ? null : (value as string | null)));
  });
  const report: LostWritesReport = { acceptedDuringPartition: total, checked: accepted.length, lost: 0, missing: 0, overwritten: 0, sample: [] };
  accepted.forEach((write, i) => {
    const now = values[i] ?? null;
    if (now === write.value) return;
    report.lost++;
    if (now === null) report.missing++;
    else report.overwritten++;
    if (report.sample.length < 5) report.sample.push({ key: write.key, acknowledged: write.value, now });
  });
  return report;
}
