// Writing to the audit log from services and routes. Append-only: there is deliberately no way to
// change or remove a record from here (nor anywhere else). A failed audit write fails the request:
// an action nobody can account for must not happen silently.
import "server-only";
import { getStore } from "@/lib/store/get-store";
import { appendAudit, queryAudit, type AuditFilter } from "@/lib/store/audit-repo";
import { scrubSecrets } from "./scrub";
import type { Caller } from "./caller";

export type AuditAction =
  | "auth.sign-in"
  | "auth.sign-in-failed"
  | "auth.sign-out"
  | "instance.create"
  | "instance.edit"
  | "instance.delete"
  | "instance.connection-test"
  | "probe.run"
  | "investigation.create"
  | "investigation.step-run"
  | "fix.run"
  | "fix.execute"
  | "export"
  | "token.create"
  | "token.revoke"
  | "user.create"
  | "lab.start"
  | "lab.stop"
  | "lab.reset";

export async function audit(actor: Caller | string, action: AuditAction, opts: { instanceId?: string | null; detail?: Record<string, unknown> } = {}): Promise<void> {
  const { db } = await getStore();
  // Details are scrubbed like error messages: a password typed into a field must not be kept here.
  const via = typeof actor === "string" ? {} : { via: actor.via };
  const detail = JSON.parse(scrubSecrets(JSON.stringify({ ...opts.detail, ...via }))) as Record<string, unknown>;
  await appendAudit(db, { actor: typeof actor === "string" ? actor : actor.name, action, instanceId: opts.instanceId ?? null, detail });
}

export async function auditLog(filter: AuditFilter) {
  const { db } = await getStore();
  return queryAudit(db, filter);
}
