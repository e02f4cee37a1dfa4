// Detects persistence failing (disk full, failed rewrites) and writes refused with MISCONF (incident 9). Pure.
//
// Reasoning: MISCONF replies mean writes are being refused now (with stop-writes-on-bgsave-error yes,
// the default), the outage itself (0.85–0.9). A failed AOF write is critical by the rule table
// (0.75); a failed background save is critical too but also happens when a fork fails for memory,
// so it is 0.6 alone. A failed or very long AOF rewrite is a warning (0.45 / 0.3) and needs a second
// signal. MISCONF counted in errorstats since start says clients were refused at some point (0.7).
import type { DetectResult } from "@/lib/playbooks/schema";
import { derived, detectResult, fromCodes, type Piece } from "../evidence";
import type { TriageInput } from "../triage-input";
import { errorstat, failuresOf, triageView } from "../triage-view";

export function detectAofDiskFull(input: TriageInput): DetectResult {
  const view = triageView(input);
  const pieces: Piece[] = fromCodes(view, [
    { code: "persistence.misconf", weight: 0.9 },
    { code: "persistence.writes-refused", weight: 0.85 },
    { code: "persistence.aof-write-failed", weight: 0.75 },
    { code: "persistence.misconf-errors", weight: 0.7 },
    { code: "persistence.bgsave-failed", weight: 0.6 },
    { code: "persistence.aof-rewrite-failed", weight: 0.45 },
    { code: "persistence.aof-rewrite-long", weight: 0.3 },
    { code: "persistence.aof-rewrite-waiting", weight: 0.25 },
  ]);
  const misconf = failuresOf(view, "redis_misconf");
  if (misconf.length > 0) {
    pieces.push(derived("persistence.misconf", "critical", "Redis answered MISCONF: it refuses writes because it cannot persist", { error: "redis_misconf", reply: misconf[0]!.message.slice(0, 160) }, 0.9));
  }
  const replies = errorstat(view, "MISCONF");
  if (replies > 0) {
    pieces.push(derived("persistence.misconf-errors", "critical", `${replies} writes refused with MISCONF since the server started`, { errorstat: "MISCONF", count: replies }, 0.7));
  }
  return detectResult(pieces);
}
