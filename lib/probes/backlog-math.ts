// Pure backlog calculator (incident 2, CORRECTIONS #2): recommended repl-backlog-size = write rate ×
// tolerated outage × 2, where the write rate is Δmaster_repl_offset/Δt (replication-math), shown with
// its inputs, against the current size and the memory there is to grow it into.
import type { Finding } from "./finding";
import { ruleById, ruleFindings, round } from "./probe-findings";
import { backlogCoverageSeconds } from "./replication-math";

/** The reference's safety margin: room for twice the writes of the longest outage to absorb. */
export const BACKLOG_SAFETY_FACTOR = 2;
/** Redis's default repl-backlog-size (1 MB): a suggestion never goes below it. */
export const DEFAULT_BACKLOG_BYTES = 1024 * 1024;
const MB = 1024 * 1024;

export interface BacklogMemory {
  usedMemory: number | null;
  usedMemoryRss: number | null;
  /** 0 = no limit. */
  maxmemory: number | null;
  totalSystemMemory: number | null;
}

export interface BacklogHeadroom {
  /** maxmemory − used_memory, when maxmemory is set. */
  underMaxmemory: number | null;
  /** total_system_memory − used_memory_rss (the host's memory: a container limit may be lower). */
  system: number | null;
  /** The figure compared: under maxmemory when it is set, the system's otherwise. */
  bytes: number | null;
  basis: "maxmemory" | "system" | null;
}

export interface BacklogRecommendation {
  rateBytesPerSec: number | null;
  toleratedOutageSeconds: number;
  safetyFactor: number;
  /** rate × outage × factor; null without a measured rate. */
  recommendedBytes: number | null;
  /** Rounded up to whole MB, never below Redis's 1 MB default: what to type. */
  suggestedBytes: number | null;
  formula: string;
  currentBytes: number | null;
  /** How long an outage the current backlog absorbs at this rate. */
  currentCoversSeconds: number | null;
  currentPctOfRecommended: number | null;
  /** Memory the change adds: suggested − current. */
  additionalBytes: number | null;
  headroom: BacklogHeadroom;
  additionalPctOfHeadroom: number | null;
  configSet: string | null;
}

export function backlogHeadroom(m: BacklogMemory): BacklogHeadroom {
  const underMaxmemory = m.maxmemory && m.usedMemory !== null ? m.maxmemory - m.usedMemory : null;
  const system = m.totalSystemMemory && m.usedMemoryRss !== null ? m.totalSystemMemory - m.usedMemoryRss : null;
  const basis = underMaxmemory !== null ? "maxmemory" : system !== null ? "system" : null;
  return { underMaxmemory, system, bytes: basis === "maxmemory" ? underMaxmemory : system, basis };
}

export function recommendBacklog(rate: number | null, toleratedOutageSeconds: number, currentBytes: number | null, memory: BacklogMemory): BacklogRecommendation {
  const recommended = rate === null ? null : Math.ceil(rate * toleratedOutageSeconds * BACKLOG_SAFETY_FACTOR);
  const suggested = recommended === null ? null : Math.max(DEFAULT_BACKLOG_BYTES, Math.ceil(recommended / MB) * MB);
  const headroom = backlogHeadroom(memory);
  const additional = suggested === null || currentBytes === null ? null : Math.max(0, suggested - currentBytes);
  return {
    rateBytesPerSec: rate,
    toleratedOutageSeconds,
    safetyFactor: BACKLOG_SAFETY_FACTOR,
    recommendedBytes: recommended,
    suggestedBytes: suggested,
    formula: rate === null ? "no write rate measured" : `${rate} B/s × ${toleratedOutageSeconds} s × ${BACKLOG_SAFETY_FACTOR} = ${recommended} bytes`,
    currentBytes,
    currentCoversSeconds: currentBytes === null ? null : backlogCoverageSeconds(currentBytes, rate),
    currentPctOfRecommended: currentBytes !== null && recommended ? round((currentBytes / recommended) * 100, 1) : null,
    additionalBytes: additional,
    headroom,
    additionalPctOfHeadroom: additional !== null && headroom.bytes !== null && headroom.bytes > 0 ? round((additional / headroom.bytes) * 100, 1) : null,
    configSet: suggested === null ? null : `CONFIG SET repl-backlog-size ${suggested}`,
  };
}

export function backlogFindings(node: string, r: BacklogRecommendation): Finding[] {
  const evidence: Finding["evidence"] = {
    node,
    rateBytesPerSec: r.rateBytesPerSec ?? 0,
    toleratedOutageSeconds: r.toleratedOutageSeconds,
    recommendedBytes: r.recommendedBytes ?? 0,
    currentBytes: r.currentBytes ?? 0,
  };
  const findings: Finding[] = [];
  if (r.currentPctOfRecommended !== null) findings.push(...ruleFindings(["replication.backlog-too-small"], { "replication.backlog_pct_of_recommended": r.currentPctOfRecommended }, evidence));
  const memoryEvidence = { ...evidence, additionalBytes: r.additionalBytes ?? 0, headroomBytes: r.headroom.bytes ?? 0, headroomBasis: r.headroom.basis ?? "unknown" };
  if (r.additionalPctOfHeadroom !== null) {
    findings.push(...ruleFindings(["replication.backlog-exceeds-memory"], { "replication.backlog_recommended_pct_of_headroom": r.additionalPctOfHeadroom }, memoryEvidence));
  } else if (r.headroom.bytes !== null && r.headroom.bytes <= 0 && r.additionalBytes) {
    // No free memory at all: no percentage to compare, and any growth is too much.
    const rule = ruleById("backlog-exceeds-memory");
    findings.push({ code: rule.findingCode, severity: rule.severity, message: `There is no free memory (${r.headroom.basis}) to grow the backlog into`, evidence: memoryEvidence });
  }
  return findings;
}
