// The zod schema of a playbook's data part (everything but detect): the unit tests parse every
// playbook with it, and anything that loads playbook data from outside code can reuse it. Pure.
import { z } from "zod";
import { FIX_RISKS } from "./schema";

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "kebab-case id");
const code = z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, "a finding code such as memory.near-maxmemory");
const text = z.string().trim().min(3);
const params = z.record(z.string(), z.unknown());
const anyOf = z.object({ anyOf: z.array(code).min(1) }).strict();

export const symptomSchema = z.object({ text, findingCodes: z.array(code).min(1).optional(), metric: z.string().min(1).optional() }).strict();

export const stepSchema = z
  .object({
    id,
    title: text,
    probe: id,
    params,
    why: text,
    redisCli: text,
    charts: z.array(z.string().min(1)),
    interpret: z.object({ confirms: z.array(code).optional(), rulesOut: z.array(code).optional(), meaning: text }).strict(),
    when: anyOf.optional(),
  })
  .strict();

export const rootCauseSchema = z
  .object({ id, title: text, explanation: text, confirmedBy: z.array(code).min(1), ruledOutBy: z.array(code).optional() })
  .strict();

export const fixSchema = z
  .object({
    id,
    title: text,
    risk: z.enum(FIX_RISKS),
    argv: z.array(z.string().min(1)).min(1).optional(),
    forEach: z.string().min(1).optional(),
    target: z.enum(["instance", "every-master", "every-node"]).optional(),
    params: z.custom<z.ZodObject>((v) => v instanceof z.ZodObject, "a zod object schema"),
    preview: text,
    dataCost: text.optional(),
    minVersion: z.string().regex(/^\d+\.\d+\.\d+$/).optional(),
    requiresAllocator: z.literal("jemalloc").optional(),
    reservedConnection: z.boolean().optional(),
    verify: z
      .object({ probe: id, params, expect: z.object({ absent: z.array(code).optional(), present: z.array(code).optional() }).strict(), redisCli: text.optional() })
      .strict(),
    onError: z.array(z.object({ match: z.string().min(1), explain: text, next: z.array(id) }).strict()).optional(),
    manual: z.object({ instructions: text, checklist: z.array(text).optional(), copyable: text.optional() }).strict().optional(),
    when: anyOf.optional(),
    /** Pre-fills params from saved results (fix-suggestions.ts): code, not data, so only its presence is checked. */
    suggest: z.custom<unknown>((v) => typeof v === "function", "a function").optional(),
  })
  .strict()
  .refine((f) => f.argv !== undefined || f.manual !== undefined, "a fix sends a command (argv) or says what to do by hand (manual)");

export const playbookDataSchema = z
  .object({
    id,
    title: text,
    summary: text,
    severityHint: z.enum(["warning", "critical"]),
    symptoms: z.array(symptomSchema).min(1),
    investigation: z.array(stepSchema).min(2),
    rootCauses: z.array(rootCauseSchema).min(1),
    fixes: z.array(fixSchema).min(1),
    prevention: z
      .object({
        configChecks: z.array(z.object({ setting: z.string().min(1), recommended: text, why: text }).strict()).min(1),
        alertRules: z.array(z.string().min(1)),
        practices: z.array(text).min(1),
      })
      .strict(),
  })
  .strict();
