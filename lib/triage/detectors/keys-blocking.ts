// Detects KEYS walking the keyspace on the main thread (incident 7). Pure.
//
// Reasoning: the slowlog names the command, so a recent KEYS entry over the keys-command-slow rule's
// threshold is strong evidence (0.8), one that held the thread ≥ 10 ms is confident alone (0.65), a
// shorter one is usage rather than an outage (0.2–0.45). Without slowlog
// entries (slowlog threshold set high, or entries pushed out), commandstats still show KEYS calls
// and their average cost since start; a connection whose last command was KEYS says who. ACL that
// allows KEYS and slow PINGs are context: they fit any blocking command.
import { findRule } from "@/lib/metrics/rules";
import type { DetectResult } from "@/lib/playbooks/schema";
import { BLOCKING_MS, durationMs, isKeysCommand, longest, recentSlowlog } from "../command-kinds";
import { derived, detectResult, fromCodes, type Piece } from "../evidence";
import type { TriageInput } from "../triage-input";
import { commandstat, triageView } from "../triage-view";

/** The keys-command-slow rule's threshold: a KEYS this long is critical by the rule table. */
const KEYS_SLOW_MS = findRule("keys-command-slow")?.threshold ?? 100;

function keysWeight(ms: number): number {
  if (ms >= KEYS_SLOW_MS) return 0.8;
  if (ms >= BLOCKING_MS) return 0.65;
  return ms >= 1 ? 0.45 : 0.2;
}

export function detectKeysBlocking(input: TriageInput): DetectResult {
  const view = triageView(input);
  const pieces: Piece[] = fromCodes(view, [
    { code: "slowlog.keys-command", weight: { critical: 0.8, warning: 0.7, info: 0.3 } },
    // The keys-usage probe raises it for any KEYS call since start; how slow they were decides more.
    { code: "keys.command-used", weight: 0.3 },
    { code: "keys.acl-allows", weight: 0.1, support: true },
    { code: "latency.ping-high", weight: 0.15, support: true },
  ]);

  const recent = recentSlowlog(view).filter((e) => isKeysCommand(e.command));
  const worst = longest(recent);
  if (worst) {
    const ms = durationMs(worst);
    pieces.push(
      derived("slowlog.keys-command", ms >= BLOCKING_MS ? "warning" : "info", `KEYS ${worst.argv[1] ?? ""} held the server for ${ms.toFixed(ms < 1 ? 3 : 0)} ms (${recent.length} KEYS entries in 15 minutes)`, {
        command: "KEYS",
        pattern: worst.argv[1] ?? "",
        durationMs: Math.round(ms * 1000) / 1000,
        entries: recent.length,
        node: worst.node,
        client: worst.clientAddr,
        clientName: worst.clientName,
      }, keysWeight(ms)),
    );
  } else {
    const old = longest(view.slowlog.filter((e) => isKeysCommand(e.command)));
    if (old && durationMs(old) >= BLOCKING_MS) {
      pieces.push(derived("slowlog.keys-command", "info", `KEYS held the server for ${Math.round(durationMs(old))} ms, more than 15 minutes ago`, { command: "KEYS", pattern: old.argv[1] ?? "", durationMs: Math.round(durationMs(old)), node: old.node }, 0.35));
    }
  }

  const stat = commandstat(view, "keys");
  if (stat && stat.calls > 0) {
    const slow = stat.usecPerCall >= BLOCKING_MS * 1000;
    pieces.push(
      derived("keys.command-used", slow ? "warning" : "info", `KEYS was called ${stat.calls} time(s) since start, ${Math.round(stat.usecPerCall / 100) / 10} ms per call on average`, {
        calls: stat.calls,
        usecPerCall: Math.round(stat.usecPerCall),
        source: "commandstats",
      }, slow ? 0.55 : 0.15, !slow),
    );
  }

  const runners = view.clients.filter((c) => c.cmd === "keys");
  if (runners.length > 0) {
    pieces.push(
      derived("keys.client-seen", "warning", `${runners.length} connection(s) last ran KEYS`, {
        connections: runners.length,
        client: runners[0]!.name || `id ${runners[0]!.id}`,
        node: runners[0]!.node,
      }, 0.4),
    );
  }
  return detectResult(pieces);
}
