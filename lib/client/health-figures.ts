// Figures the instance page shows beyond the summary: RSS and fragmentation come from each node's
// raw INFO fields; with several nodes the worst-fragmented one is the one to look at.
import type { InstanceHealth, NodeHealth } from "./types";

export interface MemoryDetail {
  rssBytes: number | null;
  fragmentationRatio: number | null;
  fragmentationBytes: number | null;
  /** Set when the instance has several nodes: which one these figures are from. */
  node?: string;
}

function field(n: NodeHealth, name: string): number | null {
  const raw = n.snapshot?.info.fields[name];
  if (raw === undefined) return null;
  const v = Number(raw);
  return Number.isFinite(v) ? v : null;
}

export function memoryDetail(health: InstanceHealth): MemoryDetail | null {
  const reachable = health.nodes.filter((n) => n.snapshot);
  if (reachable.length === 0) return null;
  const worst = reachable.reduce((a, b) => ((field(b, "mem_fragmentation_ratio") ?? 0) > (field(a, "mem_fragmentation_ratio") ?? 0) ? b : a));
  const rss = field(worst, "used_memory_rss");
  const used = field(worst, "used_memory");
  return {
    rssBytes: rss,
    fragmentationRatio: field(worst, "mem_fragmentation_ratio"),
    // mem_fragmentation_bytes exists since Redis 6.0; RSS − used is the same figure before.
    fragmentationBytes: field(worst, "mem_fragmentation_bytes") ?? (rss !== null && used !== null ? rss - used : null),
    node: health.nodes.length > 1 ? worst.node.address : undefined,
  };
}

export function nodeFigure(n: NodeHealth, name: string): number | null {
  return field(n, name);
}
