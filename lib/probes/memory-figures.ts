// Pure part of the memory probe: one table row from INFO memory, fragmentation as ratio AND bytes
// (CORRECTIONS #6).
import { infoNumber, infoString, type InfoSnapshot } from "@/lib/parse/info";
import { round } from "./probe-findings";

export interface MemoryRow {
  node: string;
  usedBytes: number | null;
  rssBytes: number | null;
  peakBytes: number | null;
  datasetBytes: number | null;
  overheadBytes: number | null;
  maxmemory: number | null;
  maxmemoryPolicy: string | null;
  usedPctOfMax: number | null;
  fragmentationRatio: number | null;
  /** RSS − used (mem_fragmentation_bytes): the ratio alone misleads on small data sets. */
  fragmentationBytes: number | null;
  allocator: string | null;
  allocatorFragRatio: number | null;
  allocatorFragBytes: number | null;
  activeDefragRunning: boolean | null;
}

export function memoryRow(node: string, info: InfoSnapshot): MemoryRow {
  const n = (f: string) => infoNumber(info, f) ?? null;
  const used = n("used_memory");
  const rss = n("used_memory_rss");
  const max = n("maxmemory");
  const defrag = infoString(info, "active_defrag_running");
  return {
    node,
    usedBytes: used,
    rssBytes: rss,
    peakBytes: n("used_memory_peak"),
    datasetBytes: n("used_memory_dataset"),
    overheadBytes: n("used_memory_overhead"),
    maxmemory: max,
    maxmemoryPolicy: infoString(info, "maxmemory_policy") ?? null,
    usedPctOfMax: used !== null && max ? round((used / max) * 100, 1) : null,
    fragmentationRatio: n("mem_fragmentation_ratio"),
    // mem_fragmentation_bytes exists since 6.0; RSS − used is the same figure before.
    fragmentationBytes: n("mem_fragmentation_bytes") ?? (rss !== null && used !== null ? rss - used : null),
    allocator: infoString(info, "mem_allocator") ?? null,
    allocatorFragRatio: n("allocator_frag_ratio"),
    allocatorFragBytes: n("allocator_frag_bytes"),
    // Only a number where defrag exists (jemalloc); 0 = idle.
    activeDefragRunning: defrag === undefined ? null : defrag !== "0",
  };
}
