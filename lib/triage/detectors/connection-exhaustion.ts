// Detects connections at or near maxclients (incident 8). Pure.
//
// Reasoning: "max number of clients reached" on Redline's own connection attempt, or refusals in the
// last minute, mean the incident is happening now (0.85–0.9). Connections at ≥ 95 % of maxclients
// (the rule table's critical level) are about to be refused (0.75); at the warning level (80 %) it is
// a warning (0.45) that needs a second signal, such as many long-idle connections (a leak or an
// oversized pool, 0.3). Refusals since the server started are history (0.3). The budget calculator
// and `timeout 0` say the instance is exposed, not that it is failing: context only.
import type { DetectResult } from "@/lib/playbooks/schema";
import { derived, detectResult, fromCodes, type Piece } from "../evidence";
import type { TriageInput } from "../triage-input";
import { failuresOf, triageView } from "../triage-view";

export function detectConnectionExhaustion(input: TriageInput): DetectResult {
  const view = triageView(input);
  const pieces: Piece[] = fromCodes(view, [
    { code: "clients.refused", weight: 0.9 },
    { code: "clients.rejecting", weight: 0.85 },
    { code: "clients.near-maxclients", weight: { critical: 0.75, warning: 0.45 } },
    { code: "clients.rejected", weight: 0.3 },
    { code: "clients.idle-many", weight: 0.3 },
    { code: "clients.budget-exceeded", weight: 0.2, support: true },
    { code: "config.timeout-not-recommended", weight: 0.1, support: true },
    { code: "config.maxclients-not-recommended", weight: 0.1, support: true },
  ]);
  const refused = failuresOf(view, "redis_max_clients");
  if (refused.length > 0) {
    pieces.push(
      derived("clients.refused", "critical", "Redis refused Redline's connection: max number of clients reached", {
        error: "redis_max_clients",
        sources: [...new Set(refused.map((r) => r.source))].join(", "),
        reply: refused[0]!.message.slice(0, 160),
      }, 0.9),
    );
  }
  return detectResult(pieces);
}
