// The instance form's state as typed (strings, rows), and its conversion to the API's input and
// patch. Validation uses the server's own zod schema, so the form and the API never disagree.
import type { z } from "zod";
import { instanceInputSchema, type InstanceInput, type InstanceMode, type InstancePatch, type InstancePublic } from "@/lib/api/schemas/instance";

export interface KeyValueRow {
  rowId: string;
  key: string;
  value: string;
}

export interface InstanceFormValues {
  name: string;
  host: string;
  port: string;
  username: string;
  password: string;
  /** Edit form: remove the stored password. */
  clearPassword: boolean;
  db: string;
  mode: InstanceMode;
  sentinelMaster: string;
  tlsEnabled: boolean;
  tlsCa: string;
  tlsServername: string;
  tlsSkipVerify: boolean;
  tags: KeyValueRow[];
  renamed: KeyValueRow[];
  allowRemediation: boolean;
}

/** Field path (as the API names it) → message. Row fields use `tags.<key>` / `renamedCommands.<name>`. */
export type FieldErrors = Record<string, string>;

let rowSeq = 0;
/** A row added by the user (client only, so a module counter is fine). */
export function newRow(key = "", value = ""): KeyValueRow {
  rowSeq += 1;
  return { rowId: `n${rowSeq}`, key, value };
}

/** Initial rows get ids from their position: the server and the browser must render the same ids. */
function initialRows(pairs: Array<[string, string]>): KeyValueRow[] {
  return pairs.map(([key, value], i) => ({ rowId: `i${i}`, key, value }));
}

/** Teams filter the fleet by these two; offering them keeps tag names consistent across instances. */
export const SUGGESTED_TAGS = ["environment", "team"] as const;

export function emptyValues(): InstanceFormValues {
  return {
    name: "", host: "", port: "6379", username: "", password: "", clearPassword: false, db: "0", mode: "standalone", sentinelMaster: "",
    tlsEnabled: false, tlsCa: "", tlsServername: "", tlsSkipVerify: false,
    tags: initialRows(SUGGESTED_TAGS.map((k) => [k, ""])), renamed: [], allowRemediation: false,
  };
}

export function valuesFromInstance(i: InstancePublic): InstanceFormValues {
  const tags = initialRows([...Object.entries(i.tags), ...SUGGESTED_TAGS.filter((k) => !(k in i.tags)).map((k): [string, string] => [k, ""])]);
  return {
    name: i.name, host: i.host, port: String(i.port), username: i.username ?? "", password: "", clearPassword: false, db: String(i.db),
    mode: i.mode, sentinelMaster: i.sentinelMaster ?? "",
    tlsEnabled: i.tls.enabled, tlsCa: "", tlsServername: i.tls.servername ?? "", tlsSkipVerify: i.tls.skipVerify,
    tags, renamed: initialRows(Object.entries(i.renamedCommands)), allowRemediation: i.allowRemediation,
  };
}

function opt(s: string): string | undefined {
  return s.trim() === "" ? undefined : s.trim();
}

/** A tag row without a value is an unused suggestion, not a tag. */
function tagRecord(rows: KeyValueRow[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of rows) {
    const key = r.key.trim();
    // A nameless row is reported by rowChecks; sending it would only add a second, unplaced error.
    if (key === "") continue;
    if (r.value.trim() === "" && (SUGGESTED_TAGS as readonly string[]).includes(key)) continue;
    out[key] = r.value.trim();
  }
  return out;
}

function renamedRecord(rows: KeyValueRow[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of rows) if (r.key.trim() !== "") out[r.key.trim()] = r.value.trim();
  return out;
}

function portValue(port: string): number {
  return /^\d+$/.test(port.trim()) ? Number(port.trim()) : Number.NaN;
}

export function toInput(v: InstanceFormValues): InstanceInput {
  return {
    name: v.name.trim(),
    host: v.host.trim(),
    port: portValue(v.port),
    username: opt(v.username),
    // Passwords are used verbatim: a leading space can be part of one.
    password: v.password === "" ? undefined : v.password,
    db: /^\d+$/.test(v.db.trim()) ? Number(v.db.trim()) : Number.NaN,
    mode: v.mode,
    sentinelMaster: v.mode === "sentinel" ? opt(v.sentinelMaster) : undefined,
    tls: { enabled: v.tlsEnabled, ca: v.tlsEnabled ? opt(v.tlsCa) : undefined, servername: v.tlsEnabled ? opt(v.tlsServername) : undefined, skipVerify: v.tlsEnabled && v.tlsSkipVerify },
    tags: tagRecord(v.tags),
    renamedCommands: renamedRecord(v.renamed),
    allowRemediation: v.allowRemediation,
  };
}

/** PATCH body: every field sent; absent password keeps the stored one, null clears it. */
export function toPatch(v: InstanceFormValues): InstancePatch {
  const input = toInput(v);
  return {
    ...input,
    port: input.port as number,
    db: input.db as number,
    username: input.username ?? null,
    sentinelMaster: input.sentinelMaster ?? null,
    password: v.clearPassword ? null : input.password,
    tls: { enabled: input.tls!.enabled ?? false, ca: input.tls!.ca, servername: input.tls!.servername, skipVerify: input.tls!.skipVerify ?? false },
  };
}

function issueMessage(issue: z.core.$ZodIssue): string {
  // A record key failure carries the useful message one level down.
  if (issue.code === "invalid_key" && issue.issues[0]) return issue.issues[0].message;
  if (issue.path[0] === "port") return "Port must be 1–65535";
  if (issue.path[0] === "db") return "Database index must be a whole number ≥ 0";
  return issue.message;
}

/** Checks the form with the API's schema plus what rows add (a value without a name, duplicates). */
export function validate(v: InstanceFormValues): FieldErrors {
  const errors: FieldErrors = {};
  const result = instanceInputSchema.safeParse(toInput(v));
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.path.map(String).join(".") || "form";
      errors[path] ??= issueMessage(issue);
    }
  }
  rowChecks(v.tags, "tags", "Tag name", errors);
  rowChecks(v.renamed, "renamedCommands", "Command", errors);
  return errors;
}

function rowChecks(rows: KeyValueRow[], group: string, what: string, errors: FieldErrors) {
  const seen = new Set<string>();
  for (const r of rows) {
    const key = r.key.trim();
    if (key === "" && r.value.trim() !== "") errors[`${group}.row.${r.rowId}`] ??= `${what} is required`;
    else if (key !== "" && seen.has(key)) errors[`${group}.row.${r.rowId}`] ??= `${what} "${key}" appears twice`;
    seen.add(key);
  }
}

/** The error shown next to a row: its own (empty, duplicate) or the schema's on its key. */
export function rowError(errors: FieldErrors, group: "tags" | "renamedCommands", row: KeyValueRow): string | undefined {
  return errors[`${group}.row.${row.rowId}`] ?? (row.key.trim() ? errors[`${group}.${row.key.trim()}`] : undefined);
}
