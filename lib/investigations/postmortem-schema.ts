// The postmortem document of an investigation: what the author writes (pre-filled from the
// investigation and its playbook). The timeline and the evidence are not copied in: they come from
// the investigation itself when the page or an export shows them. Pure zod: the API validates
// bodies with it and the browser types its form with it.
import { z } from "zod";

export const ACTION_ITEM_TYPES = ["mitigate", "prevent", "process"] as const;
export type ActionItemType = (typeof ACTION_ITEM_TYPES)[number];

const text = (max = 20_000) => z.string().max(max);

export const actionItemSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "Not an action item id"),
    type: z.enum(ACTION_ITEM_TYPES),
    text: text(2_000),
    owner: text(200),
    /** YYYY-MM-DD or empty. */
    due: z.union([z.literal(""), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "A date as YYYY-MM-DD")]),
    done: z.boolean(),
  })
  .strict();
export type ActionItem = z.infer<typeof actionItemSchema>;

export const postmortemDocSchema = z
  .object({
    summary: text(),
    impact: text(),
    detection: z.object({ how: text(), noticedAt: z.union([z.literal(""), z.iso.datetime({ offset: true })]) }).strict(),
    trigger: text(),
    rootCause: text(),
    resolution: text(),
    actionItems: z.array(actionItemSchema).max(200),
    lessons: z.object({ wentWell: text(), wentWrong: text(), lucky: text() }).strict(),
  })
  .strict();
export type PostmortemDoc = z.infer<typeof postmortemDocSchema>;

/** What GET /api/investigations/:id/postmortem answers. */
export interface Postmortem {
  investigationId: string;
  doc: PostmortemDoc;
  /** 0: never saved, this is the draft pre-filled from the investigation and the playbook. */
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

export const putPostmortemSchema = z
  .object({
    doc: postmortemDocSchema,
    /** The version the author's edit started from: a newer one on the server is a conflict, not overwritten. */
    baseVersion: z.number().int().min(0),
  })
  .strict();
