// Request shapes of the investigations API.
import { z } from "zod";
import { PLAYBOOK_IDS } from "@/lib/playbooks";
import { INVESTIGATION_STATUSES } from "@/lib/investigations/types";

const uuid = (what: string) => z.string().uuid(`Not an ${what} id`);
const stepId = z.string().regex(/^[a-z0-9-]{1,64}$/, "Not a step id");

export const investigationIdSchema = z.object({ id: uuid("investigation") });
export const investigationStepPathSchema = z.object({ id: uuid("investigation"), stepId });
export const investigationActionPathSchema = z.object({ id: uuid("investigation"), actionId: z.string().regex(/^[a-z0-9-]{1,64}$/, "Not a fix action id") });

/** Values typed so far; the fix's own schema checks them when the draft is rendered. */
export const draftFixBodySchema = z.object({ params: z.record(z.string(), z.unknown()).optional() }).strict();

export const executeFixBodySchema = z
  .object({
    params: z.record(z.string(), z.unknown()).optional(),
    /** The exact command line(s), one per line, as the Fix phase shows them. */
    confirmation: z.string().max(10_000),
  })
  .strict();

export const startInvestigationSchema = z
  .object({
    instanceId: uuid("instance"),
    playbookId: z.enum(PLAYBOOK_IDS, { error: `One of ${PLAYBOOK_IDS.join(", ")}` }),
  })
  .strict();

export const listInvestigationsQuerySchema = z
  .object({
    instanceId: uuid("instance").optional(),
    status: z.enum(INVESTIGATION_STATUSES).optional(),
  })
  .strict();

export const patchInvestigationSchema = z
  .object({
    status: z.enum(INVESTIGATION_STATUSES).optional(),
    rootCauseId: z.string().regex(/^[a-z0-9-]{1,64}$/, "Not a root cause id").nullable().optional(),
    note: z.object({ stepId: stepId.nullable().optional(), text: z.string().trim().min(1, "A note needs some text").max(10_000) }).strict().optional(),
  })
  .strict()
  .refine((p) => p.status !== undefined || p.rootCauseId !== undefined || p.note !== undefined, { message: "Nothing to change: give status, rootCauseId or note" });
