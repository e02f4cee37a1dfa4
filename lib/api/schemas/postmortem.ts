// Request shapes of the timeline, postmortem and export endpoints of an investigation.
import { z } from "zod";
import { EXPORT_FORMATS } from "@/lib/investigations/export/formats";

export { putPostmortemSchema } from "@/lib/investigations/postmortem-schema";

const uuid = z.string().uuid("Not an investigation id");
const isoTime = z.iso.datetime({ offset: true, error: "An ISO 8601 time, e.g. 2026-03-01T02:00:00Z" });

export const timelineEntryPathSchema = z.object({ id: uuid, entryId: z.string().min(1).max(300) });

export const addTimelineEntrySchema = z
  .object({ at: isoTime, text: z.string().trim().min(1, "An entry needs some text").max(4_000), starred: z.boolean().optional() })
  .strict();

export const editTimelineEntrySchema = z
  .object({
    starred: z.boolean().optional(),
    /** null restores the generated text. */
    text: z.string().trim().min(1, "An entry needs some text").max(4_000).nullable().optional(),
    at: isoTime.nullable().optional(),
  })
  .strict()
  .refine((e) => e.starred !== undefined || e.text !== undefined || e.at !== undefined, { message: "Nothing to change: give starred, text or at" });

export const exportQuerySchema = z
  .object({
    format: z.enum(EXPORT_FORMATS, { error: `One of ${EXPORT_FORMATS.join(", ")}` }),
    redact: z.enum(["0", "1", "true", "false"]).default("0").transform((v) => v === "1" || v === "true"),
  })
  .strict();
