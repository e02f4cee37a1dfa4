// Pure part of the slowlog probe: table rows from parsed entries, which of them block the server,
// and the findings they imply (thresholds from the rule table, never from here).
import { RECENT_SLOWLOG_SECONDS } from "@/lib/metrics/health-signals";
import { isBlockingCommand } from "@/lib/metrics/blocking-commands";
import type { SlowlogEntry } from "@/lib/parse/slowlog";
import type { Finding } from "./finding";
import { ruleById, ruleFindings, round } from "./probe-findings";

export interface SlowlogRow {
  node: string;
  id: number;
  /** ISO time the command ran. */
  time: string;
  timestamp: number;
  durationUs: number;
  durationMs: number;
  command: string;
  /** argv[1]: the key for key commands; a subcommand or nothing for others. */
  key: string;
  /** As Redis logged it: at most 32 arguments and 128 bytes each, truncation marked by Redis. */
  argv: string[];
  clientAddr: string;
  clientName: string;
  blocking: boolean;
}

export interface SlowlogNodeSettings {
  node: string;
  logSlowerThanUs: number | null;
  maxLen: number | null;
}

export function slowlogRows(node: string, entries: readonly SlowlogEntry[]): SlowlogRow[] {
  return entries.map((e) => ({
    node,
    id: e.id,
    time: new Date(e.timestamp * 1000).toISOString(),
    timestamp: e.timestamp,
    durationUs: e.durationUs,
    durationMs: round(e.durationUs / 1000, 3),
    command: (e.argv[0] ?? "").toUpperCase(),
    key: e.argv[1] ?? "",
    argv: e.argv,
    clientAddr: e.clientAddr,
    clientName: e.clientName,
    blocking: isBlockingCommand(e.argv),
  }));
}

function longest(rows: SlowlogRow[]): SlowlogRow {
  return rows.reduce((a, b) => (b.durationUs > a.durationUs ? b : a));
}

function entryEvidence(row: SlowlogRow, count: number, recent: number, nowSec: number): Finding["evidence"] {
  return {
    command: row.command,
    key: row.key,
    durationMs: row.durationMs,
    node: row.node,
    time: row.time,
    ageSeconds: Math.max(0, Math.round(nowSec - row.timestamp)),
    count,
    recent,
  };
}

/**
 * Recent entries (the rule's 15-minute window) raise the rule's finding; older ones are history and
 * reported as info, so a KEYS from last week does not read as today's incident.
 */
export function windowedFinding(ruleId: string, rows: SlowlogRow[], value: (recent: SlowlogRow[]) => number, nowSec: number, historyMessage: string): Finding | undefined {
  if (rows.length === 0) return undefined;
  const rule = ruleById(ruleId);
  const recent = rows.filter((r) => nowSec - r.timestamp <= RECENT_SLOWLOG_SECONDS);
  const worst = longest(recent.length > 0 ? recent : rows);
  const evidence = entryEvidence(worst, rows.length, recent.length, nowSec);
  const [fromRule] = recent.length > 0 ? ruleFindings([rule.findingCode], { [rule.signal]: value(recent) }, evidence) : [];
  if (fromRule) return fromRule;
  return { code: rule.findingCode, severity: "info", message: historyMessage.replace("{count}", String(rows.length)), evidence };
}

export function slowlogFindings(rows: SlowlogRow[], settings: SlowlogNodeSettings[], nowMs: number): Finding[] {
  const nowSec = nowMs / 1000;
  const findings: Finding[] = [];
  const blocking = windowedFinding(
    "blocking-command",
    rows.filter((r) => r.blocking),
    (recent) => recent.length,
    nowSec,
    "{count} blocking command(s) (KEYS, HGETALL, SMEMBERS…) in the slowlog, none in the last 15 minutes",
  );
  if (blocking) findings.push(blocking);

  const slowRule = ruleById("slow-command");
  const slowRows = rows.filter((r) => (slowRule.op === ">" ? r.durationMs > slowRule.threshold : r.durationMs >= slowRule.threshold));
  const slow = windowedFinding(
    "slow-command",
    slowRows,
    (recent) => longest(recent).durationMs,
    nowSec,
    `{count} command(s) over ${slowRule.threshold} ms in the slowlog, none in the last 15 minutes`,
  );
  if (slow) findings.push({ ...slow, evidence: { ...slow.evidence, threshold: slowRule.threshold } });

  for (const s of settings) {
    if (s.logSlowerThanUs === null || s.logSlowerThanUs >= 0) continue;
    findings.push({
      code: "slowlog.disabled",
      severity: "info",
      message: "The slowlog is disabled (slowlog-log-slower-than < 0): slow commands leave no trace",
      evidence: { node: s.node, "slowlog-log-slower-than": s.logSlowerThanUs },
    });
  }
  return findings;
}
