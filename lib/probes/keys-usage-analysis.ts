// Pure part of the keys-usage probe: how often KEYS ran and what it cost (against SCAN), the KEYS
// calls the slowlog kept and which clients sent them, and the findings. The fix it points to is an
// ACL rule (`ACL SETUSER <user> -keys`), never `CONFIG SET rename-command` (CORRECTIONS #7).
import type { CommandStat } from "@/lib/parse/info";
import type { AclAllowRow } from "./acl-keys";
import type { Finding } from "./finding";
import { ruleFindings } from "./probe-findings";
import { windowedFinding, type SlowlogRow } from "./slowlog-analysis";

export interface CommandUsage {
  command: string;
  calls: number;
  usec: number;
  usecPerCall: number;
}

/** cmdstat_keys and cmdstat_scan (zeros when the command never ran: INFO omits it). */
export function keysAndScanUsage(stats: readonly CommandStat[]): { keys: CommandUsage; scan: CommandUsage } {
  const pick = (name: string): CommandUsage => {
    const s = stats.find((c) => c.command === name);
    return { command: name.toUpperCase(), calls: s?.calls ?? 0, usec: s?.usec ?? 0, usecPerCall: s?.usecPerCall ?? 0 };
  };
  return { keys: pick("keys"), scan: pick("scan") };
}

export interface KeysClientRow {
  clientAddr: string;
  clientName: string;
  calls: number;
  maxDurationMs: number;
  lastTime: string;
  patterns: string[];
}

/** KEYS calls in the slowlog grouped by the client that sent them (address and name, as Redis logged them). */
export function keysClients(rows: readonly SlowlogRow[]): KeysClientRow[] {
  const groups = new Map<string, KeysClientRow>();
  for (const r of rows) {
    const id = `${r.clientAddr}\u0000${r.clientName}`;
    const g = groups.get(id) ?? { clientAddr: r.clientAddr || "(not logged)", clientName: r.clientName, calls: 0, maxDurationMs: 0, lastTime: r.time, patterns: [] };
    g.calls++;
    g.maxDurationMs = Math.max(g.maxDurationMs, r.durationMs);
    if (r.time > g.lastTime) g.lastTime = r.time;
    if (!g.patterns.includes(r.key) && g.patterns.length < 5) g.patterns.push(r.key);
    groups.set(id, g);
  }
  return [...groups.values()].sort((a, b) => b.maxDurationMs - a.maxDurationMs);
}

export function keysFindings(node: string, usage: CommandUsage, keysRows: SlowlogRow[], allowed: AclAllowRow[] | null, nowMs: number): Finding[] {
  const findings: Finding[] = ruleFindings(["keys.command-used"], { "commandstats.keys_calls": usage.calls }, { node, usecPerCall: usage.usecPerCall, usec: usage.usec });
  const slow = windowedFinding(
    "keys-command-slow",
    keysRows,
    (recent) => recent.reduce((m, r) => Math.max(m, r.durationMs), 0),
    nowMs / 1000,
    "{count} KEYS call(s) in the slowlog; none in the last 15 minutes took 100 ms or more, but each walks the whole keyspace",
  );
  if (slow) {
    const worst = keysRows.reduce((a, b) => (b.durationMs > a.durationMs ? b : a));
    findings.push({ ...slow, evidence: { ...slow.evidence, clientAddr: worst.clientAddr, clientName: worst.clientName } });
  }
  const enabled = (allowed ?? []).filter((u) => u.enabled);
  if (enabled.length > 0) {
    findings.push({
      code: "keys.acl-allows",
      severity: "info",
      message: `${enabled.length} enabled ACL user(s) may run KEYS (${enabled.map((u) => `${u.user} via ${u.via}`).join(", ")}). Runtime fix: ACL SETUSER <user> -keys (or -@dangerous); rename-command only in redis.conf with a restart`,
      evidence: { node, users: enabled.map((u) => u.user).join(", "), count: enabled.length },
    });
  }
  return findings;
}
