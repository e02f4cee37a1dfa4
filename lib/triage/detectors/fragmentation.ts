// Detects memory the allocator holds but Redis does not use (incident 6). Pure.
//
// Reasoning: the fragmentation rules already combine the ratio with absolute fragmented bytes and a
// non-trivial data set (CORRECTIONS #6: a ratio on a few MB means nothing), so their finding is the
// signal: critical (ratio > 2 with ≥ 100 MB fragmented) 0.85 alone. The warning level (> 1.5 with
// ≥ 10 MB) also follows any big transient reply (one KEYS * leaves tens of MB of freed buffers), so
// it is 0.5 and needs the bytes to matter: at least the critical rule's floor fragmented (0.45).
// jemalloc's own allocator_frag_ratio with ≥ 10 MB of holes corroborates it (0.3): freed buffers
// raise RSS, not that ratio. RSS above maxmemory, activedefrag off where it exists, and memory near
// maxmemory are context.
import { findRule } from "@/lib/metrics/rules";
import type { DetectResult } from "@/lib/playbooks/schema";
import { derived, detectResult, fromCodes, type Piece } from "../evidence";
import type { TriageInput } from "../triage-input";
import { infoOf, triageView } from "../triage-view";

const bytesFloor = (ruleId: string, fallback: number) => findRule(ruleId)?.and?.find((c) => c.signal === "memory.fragmentation_bytes")?.threshold ?? fallback;
/** The warning rule's floor of fragmented bytes: below it RSS above maxmemory is not fragmentation. */
const FRAGMENTED_FLOOR = bytesFloor("fragmentation-warning", 10 * 1024 * 1024);
/** The critical rule's floor: this much fragmented memory matters whatever the ratio. */
const FRAGMENTED_MANY = bytesFloor("fragmentation-critical", 100 * 1024 * 1024);

/** jemalloc's own measure (active / allocated pages): holes in pages it keeps, what activedefrag fills. */
const ALLOCATOR_FRAG_RATIO = 1.3;

/**
 * The allocator's fragmentation tells true heap holes (many small values deleted from full pages)
 * from RSS that merely was not returned yet: freed reply buffers and copy-on-write after a fork
 * raise allocator_rss_ratio, not allocator_frag_ratio. So it corroborates a warning-level ratio.
 */
function allocatorHoles(nodes: ReturnType<typeof triageView>["nodes"]): Piece | undefined {
  for (const n of nodes) {
    const ratio = infoOf(n, "allocator_frag_ratio");
    const bytes = infoOf(n, "allocator_frag_bytes");
    if (ratio === undefined || bytes === undefined || ratio < ALLOCATOR_FRAG_RATIO || bytes < FRAGMENTED_FLOOR) continue;
    return derived(
      "fragmentation.allocator-holes",
      "warning",
      `The allocator holds ${Math.round(bytes / 1024 / 1024)} MB of holes in its pages (allocator_frag_ratio ${ratio}): values were freed in place, not whole pages`,
      { node: n.node, allocatorFragRatio: ratio, allocatorFragBytes: bytes },
      0.3,
    );
  }
  return undefined;
}

export function detectFragmentation(input: TriageInput): DetectResult {
  const view = triageView(input);
  const pieces: Piece[] = fromCodes(view, [
    { code: "fragmentation.ratio-high", weight: { critical: 0.85, warning: 0.5 } },
    { code: "config.activedefrag-not-recommended", weight: 0.15, support: true },
    { code: "memory.near-maxmemory", weight: 0.1, support: true },
  ]);
  const high = fromCodes(view, [{ code: "fragmentation.ratio-high", weight: 1 }])[0];
  const worstBytes = Math.max(0, ...view.nodes.map((n) => n.signals["memory.fragmentation_bytes"] ?? 0));
  if (high && worstBytes >= FRAGMENTED_MANY) {
    pieces.push(derived("fragmentation.bytes-high", "warning", `${Math.round(worstBytes / 1024 / 1024)} MB of RSS hold no data`, { fragmentedBytes: worstBytes, floorBytes: FRAGMENTED_MANY }, 0.45));
  }
  const holes = allocatorHoles(view.nodes);
  if (holes) pieces.push(holes);
  for (const n of view.nodes) {
    const rss = infoOf(n, "used_memory_rss");
    const max = infoOf(n, "maxmemory");
    const fragmented = n.signals["memory.fragmentation_bytes"];
    if (rss === undefined || !max || fragmented === undefined || fragmented < FRAGMENTED_FLOOR || rss <= max) continue;
    pieces.push(derived("memory.rss-over-maxmemory", "warning", "The process holds more memory (RSS) than maxmemory allows the data: limits sized to maxmemory will OOM-kill it", { node: n.node, rssBytes: rss, maxmemoryBytes: max }, 0.2, true));
    break;
  }
  return detectResult(pieces);
}
