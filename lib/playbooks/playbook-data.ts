// A playbook as the API serves it: data only. The detect function stays on the server side of the
// wire and each fix's zod params become JSON Schema (what a form needs), as the probe catalog does.
import { z } from "zod";
import type { FixAction, Playbook, PlaybookData } from "./schema";

export type FixActionData = Omit<FixAction, "params" | "suggest"> & { params: Record<string, unknown> };
export type PlaybookDocument = Omit<PlaybookData, "fixes"> & { fixes: FixActionData[] };

export interface PlaybookSummary {
  id: string;
  title: string;
  summary: string;
  severityHint: PlaybookData["severityHint"];
  steps: number;
  fixes: number;
}

export function toPlaybookDocument(playbook: Playbook): PlaybookDocument {
  const { detect: _detect, fixes, ...rest } = playbook;
  return {
    ...rest,
    fixes: fixes.map(({ suggest: _suggest, ...f }) => ({ ...f, params: z.toJSONSchema(f.params, { io: "input" }) as Record<string, unknown> })),
  };
}

export function toPlaybookSummary(p: Playbook): PlaybookSummary {
  return { id: p.id, title: p.title, summary: p.summary, severityHint: p.severityHint, steps: p.investigation.length, fixes: p.fixes.length };
}
