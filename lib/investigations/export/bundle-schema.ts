// The JSON export's contract: the whole evidence bundle of one investigation, versioned by
// `schemaVersion`. The published JSON Schema (investigation-export.schema.json, served at
// /api/schemas/investigation-export.json) is generated from this zod schema (npm run export-schema)
// and a test keeps the two equal. Bump EXPORT_SCHEMA_VERSION on any incompatible change. Pure.
import { z } from "zod";
import { TIMELINE_KINDS } from "@/lib/investigations/timeline-types";
import { postmortemDocSchema } from "@/lib/investigations/postmortem-schema";

export const EXPORT_SCHEMA_VERSION = 1;
export const EXPORT_SCHEMA_PATH = "/api/schemas/investigation-export.json";

const iso = z.string().describe("ISO 8601 time");
const severity = z.enum(["ok", "info", "warning", "critical"]);

const finding = z.object({
  code: z.string(),
  severity,
  message: z.string(),
  evidence: z.record(z.string(), z.union([z.number(), z.string()])),
});

const command = z.object({
  argv: z.array(z.string()),
  durationMs: z.number(),
  node: z.string().optional(),
  error: z.string().optional(),
  count: z.number().optional(),
});

export const probeResultSchema = z
  .object({
    probeId: z.string(),
    instanceId: z.string(),
    node: z.string().optional(),
    startedAt: iso,
    durationMs: z.number(),
    data: z.unknown().describe("The probe's parsed output, as the probe returned it"),
    findings: z.array(finding),
    commands: z.array(command).describe("Every command the probe sent, with its duration"),
    partial: z.boolean(),
    error: z.object({ code: z.string(), message: z.string() }).optional(),
  })
  .describe("A ProbeResult, verbatim as stored");

const fixReply = z.object({
  argv: z.array(z.string()),
  node: z.string(),
  reply: z.unknown().optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});

export const fixResultSchema = z.object({
  kind: z.literal("fix"),
  actionId: z.string(),
  argv: z.array(z.array(z.string())),
  replies: z.array(fixReply),
  before: probeResultSchema,
  after: probeResultSchema,
  verified: z.boolean(),
  onError: z.object({ match: z.string(), explain: z.string(), next: z.array(z.string()) }).optional(),
});

const auditRecord = z.object({ id: z.number(), at: iso, actor: z.string(), action: z.string(), detail: z.record(z.string(), z.unknown()) });

const timelineEntry = z.object({
  id: z.string(),
  at: iso,
  kind: z.enum(TIMELINE_KINDS),
  text: z.string(),
  commands: z.array(z.array(z.string())).optional(),
  severity: severity.optional(),
  who: z.string().optional(),
  starred: z.boolean(),
  edited: z.boolean(),
  manual: z.boolean(),
  original: z.object({ at: iso, text: z.string() }).optional(),
});

export const exportBundleSchema = z
  .object({
    $schema: z.string().optional(),
    schemaVersion: z.literal(EXPORT_SCHEMA_VERSION),
    generatedAt: iso,
    generatedBy: z.string(),
    redacted: z.boolean(),
    redaction: z.object({ key: z.number(), "client-addr": z.number(), "client-name": z.number() }).optional().describe("How many distinct values each kind of token replaced"),
    instance: z
      .object({
        id: z.string(),
        name: z.string(),
        host: z.string(),
        port: z.number(),
        mode: z.string(),
        db: z.number(),
        tls: z.boolean(),
        sentinelMaster: z.string().nullable(),
        tags: z.record(z.string(), z.string()),
        allowRemediation: z.boolean(),
        hasPassword: z.boolean().describe("Whether a password is stored; the password itself is never exported"),
      })
      .nullable()
      .describe("null when the instance was deleted since"),
    playbook: z.object({
      id: z.string(),
      title: z.string(),
      summary: z.string(),
      rootCauses: z.array(z.object({ id: z.string(), title: z.string(), explanation: z.string(), confirmedBy: z.array(z.string()), ruledOutBy: z.array(z.string()) })),
      prevention: z.object({
        configChecks: z.array(z.object({ setting: z.string(), recommended: z.string(), why: z.string() })),
        alertRules: z.array(z.string()),
        practices: z.array(z.string()),
      }),
    }),
    investigation: z.object({
      id: z.string(),
      title: z.string(),
      status: z.enum(["open", "mitigated", "resolved"]),
      rootCauseId: z.string().nullable(),
      createdAt: iso,
      updatedAt: iso,
      createdBy: z.string(),
    }),
    hypotheses: z.array(z.object({ rootCauseId: z.string(), title: z.string(), state: z.enum(["confirmed", "ruled-out", "open"]), decidedBy: z.array(z.string()) })),
    rootCauseEvidence: z
      .array(
        z.object({
          rootCauseId: z.string(),
          title: z.string(),
          chosen: z.boolean(),
          state: z.enum(["confirmed", "ruled-out", "open"]),
          findings: z.array(finding.extend({ recordId: z.number(), stepId: z.string().nullable(), probeId: z.string(), at: iso })),
        }),
      )
      .describe("For each decided root cause: the findings that decided it and the step results they came from"),
    steps: z
      .array(
        z.object({
          id: z.number(),
          kind: z.enum(["probe", "fix", "note"]),
          stepId: z.string().nullable(),
          title: z.string().nullable(),
          probeId: z.string().nullable(),
          params: z.record(z.string(), z.unknown()).nullable(),
          result: z.union([fixResultSchema, probeResultSchema]).nullable(),
          note: z.string().nullable(),
          who: z.string(),
          at: iso,
        }),
      )
      .describe("Every step record, oldest first, results verbatim"),
    commands: z
      .array(command.extend({ recordId: z.number(), at: iso, source: z.enum(["probe", "fix", "fix-verify"]) }))
      .describe("Every command Redline sent to the instance for this investigation, in order"),
    actions: z.array(
      z.object({
        recordId: z.number(),
        actionId: z.string(),
        title: z.string(),
        risk: z.enum(["read", "config", "destructive"]).nullable(),
        at: iso,
        who: z.string(),
        argv: z.array(z.array(z.string())),
        replies: z.array(fixReply),
        verified: z.boolean(),
        audit: z.array(auditRecord).describe("The audit log records of the commands this action sent"),
      }),
    ),
    alerts: z.array(
      z.object({
        id: z.string(),
        ruleId: z.string(),
        node: z.string(),
        severity: z.enum(["info", "warning", "critical"]),
        findingCode: z.string(),
        state: z.enum(["pending", "firing", "resolved"]),
        value: z.number().nullable(),
        threshold: z.number(),
        message: z.string(),
        startedAt: iso,
        firedAt: iso.nullable(),
        resolvedAt: iso.nullable(),
      }),
    ),
    markers: z.array(z.object({ at: iso, kind: z.enum(["restart", "role-change", "failover"]), node: z.string(), detail: z.string() })),
    window: z.object({ from: iso, to: iso }).describe("The time range alerts, markers and charts were read for"),
    timeline: z.array(timelineEntry),
    postmortem: z.object({ doc: postmortemDocSchema, version: z.number(), updatedAt: iso.nullable(), updatedBy: z.string().nullable() }),
  })
  .describe("Redline investigation export: the evidence bundle of one investigation");

export type ExportBundle = z.infer<typeof exportBundleSchema>;

/** The published JSON Schema (draft 2020-12). */
export function exportJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(exportBundleSchema, { target: "draft-2020-12", io: "output", unrepresentable: "any" }),
    $id: `https://redline.local${EXPORT_SCHEMA_PATH}`,
    title: `Redline investigation export, schema version ${EXPORT_SCHEMA_VERSION}`,
  };
}
