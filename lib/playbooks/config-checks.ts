// Prevention config checks: settings the config audit already knows take its recommendation and
// reason (lib/probes/config-recommendations.ts), so the two never disagree; others are written here.
import { CONFIG_RECOMMENDATIONS } from "@/lib/probes/config-recommendations";
import type { ConfigCheck } from "./schema";

/** The config audit's recommendation for `id` (throws on an unknown id: a typo must fail the tests). */
export function auditCheck(id: string): ConfigCheck {
  const rec = CONFIG_RECOMMENDATIONS.find((r) => r.id === id);
  if (!rec) throw new Error(`No config recommendation ${id} in lib/probes/config-recommendations.ts`);
  return { setting: rec.names[0]!, recommended: rec.recommended, why: rec.why };
}

export function check(setting: string, recommended: string, why: string): ConfigCheck {
  return { setting, recommended, why };
}
