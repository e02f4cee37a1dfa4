// Zod schemas for instance registration and editing, shared by the server and the form.
import { z } from "zod";
import { RULE_IDS } from "@/lib/metrics/rules";

export const INSTANCE_MODES = ["standalone", "cluster", "sentinel"] as const;
export type InstanceMode = (typeof INSTANCE_MODES)[number];

const hostPattern = /^(\[[0-9a-fA-F:]+\]|[0-9a-fA-F:]+|[A-Za-z0-9]([A-Za-z0-9.-]{0,253}[A-Za-z0-9])?)$/;
const tagKey = /^[a-z][a-z0-9_-]{0,31}$/;
const commandName = /^[A-Za-z][A-Za-z0-9_|.-]{0,63}$/;

export const tlsSchema = z.object({
  enabled: z.boolean().default(false),
  ca: z.string().max(20_000, "CA certificate is too long").optional(),
  servername: z.string().trim().max(255).optional(),
  skipVerify: z.boolean().default(false),
});
export type TlsSettings = z.infer<typeof tlsSchema>;

/** Per-instance thresholds: rule id (lib/metrics/rules.ts) → threshold; unknown ids are refused. */
export const ruleOverridesSchema = z.record(z.string(), z.number({ error: "A threshold is a number" })).superRefine((overrides, ctx) => {
  for (const id of Object.keys(overrides)) {
    if (!RULE_IDS.includes(id)) ctx.addIssue({ code: "custom", path: [id], message: `Unknown rule id "${id}"` });
  }
});

const baseFields = {
  name: z.string().trim().min(1, "Name is required").max(100, "Name is at most 100 characters"),
  host: z
    .string()
    .trim()
    .min(1, "Host is required")
    .max(255)
    .regex(hostPattern, "Host must be a hostname or an IP address"),
  port: z.coerce.number().int("Port must be a whole number").min(1, "Port must be 1–65535").max(65535, "Port must be 1–65535"),
  username: z.string().trim().max(128).optional(),
  db: z.coerce.number().int().min(0, "Database index must be ≥ 0").max(9999).default(0),
  tls: tlsSchema.default({ enabled: false, skipVerify: false }),
  mode: z.enum(INSTANCE_MODES).default("standalone"),
  sentinelMaster: z.string().trim().max(200).optional(),
  tags: z
    .record(z.string().regex(tagKey, "Tag names are lowercase letters, digits, - and _"), z.string().trim().max(100))
    .default({})
    .refine((t) => Object.keys(t).length <= 20, "At most 20 tags"),
  renamedCommands: z
    .record(
      z.string().regex(commandName, "Command names are letters, digits and _ . | -"),
      z.string().regex(/^([A-Za-z0-9_|.-]{1,64})?$/, "A renamed command is letters, digits and _ . | - (empty: disabled)"),
    )
    .default({})
    .refine((m) => Object.keys(m).length <= 50, "At most 50 renamed commands"),
  allowRemediation: z.boolean().default(false),
  ruleOverrides: ruleOverridesSchema.default({}),
};

function sentinelNeedsMaster(v: { mode?: InstanceMode; sentinelMaster?: string }, ctx: z.RefinementCtx) {
  if (v.mode === "sentinel" && !v.sentinelMaster) {
    ctx.addIssue({ code: "custom", path: ["sentinelMaster"], message: "Sentinel mode needs the master name" });
  }
}

export const instanceInputSchema = z
  .object({ ...baseFields, password: z.string().max(512, "Password is at most 512 characters").optional() })
  .strict()
  .superRefine(sentinelNeedsMaster);
export type InstanceInput = z.input<typeof instanceInputSchema>;
export type InstanceInputParsed = z.output<typeof instanceInputSchema>;

/** PATCH: every field optional; `password: null` clears it, absent keeps it. */
export const instancePatchSchema = z
  .object({
    name: baseFields.name.optional(),
    host: baseFields.host.optional(),
    port: baseFields.port.optional(),
    username: z.string().trim().max(128).nullable().optional(),
    password: z.string().max(512, "Password is at most 512 characters").nullable().optional(),
    db: z.coerce.number().int().min(0).max(9999).optional(),
    tls: tlsSchema.optional(),
    mode: z.enum(INSTANCE_MODES).optional(),
    sentinelMaster: z.string().trim().max(200).nullable().optional(),
    tags: baseFields.tags.optional(),
    renamedCommands: baseFields.renamedCommands.optional(),
    allowRemediation: z.boolean().optional(),
    ruleOverrides: ruleOverridesSchema.optional(),
  })
  .strict();
export type InstancePatch = z.infer<typeof instancePatchSchema>;

/** What the API returns: never a secret, only whether one is set. */
export interface InstancePublic {
  id: string;
  name: string;
  host: string;
  port: number;
  username: string | null;
  hasPassword: boolean;
  db: number;
  tls: { enabled: boolean; hasCa: boolean; servername?: string; skipVerify: boolean };
  mode: InstanceMode;
  sentinelMaster: string | null;
  tags: Record<string, string>;
  renamedCommands: Record<string, string>;
  allowRemediation: boolean;
  /**
   * Rule id → threshold, replacing the rule table's default for this instance. Always sent by the
   * API; optional only so fixtures written before it existed still type-check.
   */
  ruleOverrides?: Record<string, number>;
  createdAt: string;
  updatedAt: string;
}

export const instanceIdSchema = z.object({ id: z.string().uuid("Not an instance id") });
