// The bigkeys probe's findings: one `bigkey.found` per key over a rule of the table (bytes or
// elements, rules bigkey-bytes / bigkey-elements in lib/metrics/rules.ts, evaluated key by key),
// `bigkey.scan-partial` when the scan stopped before the end, and `bigkey.none-found` (ok) when a
// complete scan found none, so a playbook can rule the big key out. Pure.
import type { Finding } from "../finding";
import { ruleById, ruleFindings } from "../probe-findings";
import { escapeKey } from "./escape-key";
import type { KeyEntry } from "./collector";

/** Findings listed one by one at most; the first says how many more there were. */
export const MAX_KEY_FINDINGS = 50;

export function bigkeyThresholds(): { bytes: number; elements: number } {
  return { bytes: ruleById("bigkey-bytes").threshold, elements: ruleById("bigkey-elements").threshold };
}

export function keyFinding(entry: KeyEntry): Finding | undefined {
  const signals: Record<string, number> = { "bigkey.bytes": entry.bytes };
  if (entry.elements !== null) signals["bigkey.elements"] = entry.elements;
  const evidence: Finding["evidence"] = { node: entry.node, key: escapeKey(entry.raw), type: entry.type, bytes: entry.bytes };
  if (entry.elements !== null) evidence.elements = entry.elements;
  const [finding] = ruleFindings(["bigkey.found"], signals, evidence);
  return finding && { ...finding, message: `${entry.type} ${JSON.stringify(escapeKey(entry.raw))} on ${entry.node}: ${finding.message}` };
}

export interface ScanOutcome {
  flagged: { entries: KeyEntry[]; more: number };
  scanned: number;
  partial: boolean;
  /** Why the scan stopped early: budget, maxKeys, cancelled, error. */
  stoppedBy?: string;
  unfinishedNodes: number;
  /** Keys INFO keysizes (Redis 8+) places at or above the element threshold, when the server has it. */
  keysizesAtThreshold?: number;
}

export function bigkeyFindings(o: ScanOutcome): Finding[] {
  const findings: Finding[] = [];
  for (const entry of o.flagged.entries) {
    if (findings.length >= MAX_KEY_FINDINGS) break;
    const f = keyFinding(entry);
    if (f) findings.push(f);
  }
  const more = o.flagged.entries.length + o.flagged.more - findings.length;
  if (findings.length && more > 0) findings[0]!.evidence.moreBigKeys = more;
  if (o.partial) {
    const evidence: Finding["evidence"] = { scanned: o.scanned, stoppedBy: o.stoppedBy ?? "unknown", unfinishedNodes: o.unfinishedNodes };
    if (o.keysizesAtThreshold !== undefined) evidence.keysizesAtThreshold = o.keysizesAtThreshold;
    findings.push({
      code: "bigkey.scan-partial",
      severity: "info",
      message: `The scan stopped early (${o.stoppedBy ?? "unknown"}) after ${o.scanned} keys: keys not reached yet may be big. Resume it from the returned cursors.`,
      evidence,
    });
  } else if (findings.length === 0) {
    findings.push({ code: "bigkey.none-found", severity: "ok", message: `No key over the thresholds among ${o.scanned} keys scanned`, evidence: { scanned: o.scanned } });
  }
  return findings;
}
