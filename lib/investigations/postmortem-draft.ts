// The postmortem's first draft, pre-filled from what the investigation already knows: the playbook's
// summary, when the investigation started (detection), the chosen or confirmed root cause with its
// explanation, the fixes that ran (resolution, and mitigate items marked done), and the playbook's
// prevention (config checks and practices become prevent items, alert rules process items). The
// author edits from there. Pure.
import type { PlaybookData } from "@/lib/playbooks/schema";
import { argvLine } from "./fix-preview";
import { isProbeResult, type Hypothesis, type InvestigationWithSteps } from "./types";
import type { ActionItem, PostmortemDoc } from "./postmortem-schema";

export function chosenRootCause(inv: Pick<InvestigationWithSteps, "rootCauseId">, playbook: Pick<PlaybookData, "rootCauses">, hyps: readonly Hypothesis[]) {
  const id = inv.rootCauseId ?? hyps.find((h) => h.state === "confirmed")?.rootCauseId;
  return id ? playbook.rootCauses.find((r) => r.id === id) : undefined;
}

export function draftPostmortem(inv: InvestigationWithSteps, playbook: PlaybookData, hyps: readonly Hypothesis[], instanceName: string): PostmortemDoc {
  const cause = chosenRootCause(inv, playbook, hyps);
  const decided = cause ? hyps.find((h) => h.rootCauseId === cause.id)?.decidedBy ?? [] : [];
  const fixes = inv.steps.flatMap((s) => (s.result && !isProbeResult(s.result) ? [{ at: s.at, fix: s.result }] : []));
  const fixTitle = (id: string) => playbook.fixes.find((f) => f.id === id)?.title ?? id;
  const resolution = fixes
    .map(({ at, fix }) => `${at}: ${fixTitle(fix.actionId)}: ${fix.argv.map((a) => argvLine(a)).join("; ")} (${fix.verified ? "verified by the verify probe" : "not verified"})`)
    .join("\n");
  const items: ActionItem[] = [];
  const add = (type: ActionItem["type"], text: string, done = false) => items.push({ id: `a${items.length + 1}`, type, text, owner: "", due: "", done });
  for (const { fix } of fixes) add("mitigate", `${fixTitle(fix.actionId)} (${fix.argv.map((a) => argvLine(a)).join("; ")})`, fix.verified);
  for (const c of playbook.prevention.configChecks) add("prevent", `Set ${c.setting} to ${c.recommended}: ${c.why}`);
  for (const p of playbook.prevention.practices) add("prevent", p);
  for (const r of playbook.prevention.alertRules) add("process", `Alert on rule ${r} and route it to on-call`);
  return {
    summary: `${playbook.title} on ${instanceName}. ${playbook.summary}`,
    impact: "",
    detection: { how: "", noticedAt: inv.createdAt },
    trigger: "",
    rootCause: cause ? `${cause.title}. ${cause.explanation}${decided.length ? `\nEvidence: ${decided.join(", ")}.` : ""}` : "",
    resolution,
    actionItems: items,
    lessons: { wentWell: "", wentWrong: "", lucky: "" },
  };
}
