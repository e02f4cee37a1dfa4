// A fix's draft: its parameters pre-filled from what the investigation saw (the fix's `suggest`),
// merged with what the engineer typed, rendered into the exact command lines and the confirmation
// text the execute call will demand. Sends nothing to Redis; the execute call renders again and
// compares, so the page can never confirm one thing and run another.
import "server-only";
import { renderFix } from "@/lib/playbooks/render-fix";
import { isProbeResult, type InvestigationStepRecord } from "./types";
import type { ProbeResult } from "@/lib/probes/types";
import { argvLine, confirmationText } from "./fix-preview";
import { loadFix } from "./fix-execution";
import { defaultDeps, type InvestigationDeps } from "./investigation-service";

export interface FixDraft {
  actionId: string;
  /** The params the commands were rendered from: suggestions overridden by what was typed. */
  params: Record<string, unknown>;
  /** One line per command, `# on <node>` before the first command of each node. Empty when params are invalid. */
  commands: string[];
  /** What the engineer must type to run it (empty when params are invalid). */
  confirmation: string;
  preview: string;
  /** Why the params cannot be rendered yet, one line per problem. */
  errors: string[];
  itemLabels?: string[];
  hint?: string;
}

/** The newest successful result of each probe among the saved step records. */
export function latestResults(steps: readonly InvestigationStepRecord[]): (probeId: string) => ProbeResult | undefined {
  return (probeId) => {
    for (let i = steps.length - 1; i >= 0; i--) {
      const r = steps[i]!.result;
      if (steps[i]!.probeId === probeId && isProbeResult(r) && !r.error) return r;
    }
    return undefined;
  };
}

export async function draftFix(investigationId: string, actionId: string, typed: Record<string, unknown> = {}, deps?: InvestigationDeps): Promise<FixDraft> {
  const { db } = deps ?? (await defaultDeps());
  const { inv, fix } = await loadFix(db, investigationId, actionId);
  const suggestion = fix.suggest?.({ latest: latestResults(inv.steps), input: typed }) ?? { params: {} };
  const params = { ...suggestion.params, ...typed };
  const rendered = renderFix(fix, params);
  const extra = { ...(suggestion.itemLabels && !("connections" in typed) ? { itemLabels: suggestion.itemLabels } : {}), ...(suggestion.hint ? { hint: suggestion.hint } : {}) };
  if (!rendered.ok) return { actionId, params, commands: [], confirmation: "", preview: fix.preview, errors: rendered.errors, ...extra };
  return {
    actionId,
    params,
    // A node is named where it changes: fifty kills on one node read as one header and fifty lines.
    commands: rendered.commands.map((c, i) => (c.node && c.node !== rendered.commands[i - 1]?.node ? `# on ${c.node}\n` : "") + argvLine(c.argv)),
    confirmation: confirmationText(rendered.commands),
    preview: rendered.preview,
    errors: [],
    ...extra,
  };
}
