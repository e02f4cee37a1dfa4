// Detects a script or function holding the server past busy-reply-threshold (incident 4). Pure.
//
// Reasoning: while a script runs past the threshold Redis answers every other command with BUSY, so
// the BUSY reply itself — on the health read, on any probe, or from the lua probe — is close to proof
// (0.95). After the script ended, what remains is history: BUSY replies counted in errorstats and
// long EVAL/FCALL entries in the slowlog; each is moderate, together they are confident, because a
// script that ran long AND made clients wait is exactly this incident. A slow average EVAL in
// commandstats or an unusual threshold setting is context only.
import type { DetectResult } from "@/lib/playbooks/schema";
import { BLOCKING_MS, isScriptCommand, longest, recentSlowlog, durationMs } from "../command-kinds";
import { derived, detectResult, fromCodes, type Piece } from "../evidence";
import type { TriageInput } from "../triage-input";
import { commandstat, errorstat, failuresOf, triageView, type TriageView } from "../triage-view";

/** busy-reply-threshold in ms as the server reports it (lua-time-limit before 7.0); Redis's default otherwise. */
function busyThresholdMs(view: TriageView): number {
  for (const n of view.nodes) {
    const v = Number(n.config["busy-reply-threshold"] ?? n.config["lua-time-limit"]);
    if (Number.isFinite(v) && v > 0) return v;
  }
  return 5_000;
}

export function detectLuaBusy(input: TriageInput): DetectResult {
  const view = triageView(input);
  const pieces: Piece[] = fromCodes(view, [
    { code: "lua.busy", weight: 0.95 },
    { code: "lua.script-running", weight: 0.6 },
    { code: "lua.threshold-high", weight: 0.1, support: true },
    { code: "config.busy-reply-threshold-not-recommended", weight: 0.1, support: true },
  ]);

  const busy = failuresOf(view, "redis_busy_script");
  if (busy.length > 0) {
    pieces.push(
      derived("lua.busy", "critical", "Redis answers BUSY: a script or function is running past busy-reply-threshold and every other command waits", {
        error: "redis_busy_script",
        sources: [...new Set(busy.map((b) => b.source))].join(", "),
        reply: busy[0]!.message.slice(0, 160),
      }, 0.95),
    );
  }

  const busyReplies = errorstat(view, "BUSY");
  if (busyReplies > 0) {
    pieces.push(derived("errorstats.busy", "warning", `${busyReplies} BUSY replies since the server started: a script ran past busy-reply-threshold`, { errorstat: "BUSY", count: busyReplies }, 0.45));
  }

  const scripts = recentSlowlog(view).filter((e) => isScriptCommand(e.command) && durationMs(e) >= BLOCKING_MS);
  const worst = longest(scripts);
  if (worst) {
    const threshold = busyThresholdMs(view);
    const pastThreshold = durationMs(worst) >= threshold;
    pieces.push(
      derived(
        "slowlog.script-slow",
        pastThreshold ? "critical" : "warning",
        `${worst.command} ran for ${Math.round(durationMs(worst))} ms${pastThreshold ? `, past busy-reply-threshold (${threshold} ms)` : ""}`,
        { command: worst.command, durationMs: Math.round(durationMs(worst)), busyReplyThresholdMs: threshold, entries: scripts.length, node: worst.node, client: worst.clientAddr },
        pastThreshold ? 0.55 : 0.3,
      ),
    );
  }

  for (const name of ["eval", "evalsha", "fcall"]) {
    const s = commandstat(view, name);
    if (s && s.calls > 0 && s.usecPerCall >= BLOCKING_MS * 1000) {
      pieces.push(derived("commandstats.script-slow", "info", `${name} averages ${Math.round(s.usecPerCall / 1000)} ms per call since start`, { command: name, calls: s.calls, usecPerCall: Math.round(s.usecPerCall) }, 0.2, true));
    }
  }
  return detectResult(pieces);
}
