// What the Fix phase shows for each fix action: the exact command(s) when the fix needs no input,
// otherwise the argv template with its placeholders named. Pure; nothing is ever sent from here.
import type { FixAction, FixRisk, ManualFix } from "@/lib/playbooks/schema";
import type { Role } from "@/lib/security/roles";
import { z } from "zod";
import { renderFix } from "@/lib/playbooks/render-fix";
import { fixFields, type FixField } from "./fix-fields";

export interface FixPreview {
  id: string;
  title: string;
  risk: FixRisk;
  /** The preview text, placeholders filled when the fix needs no input. */
  preview: string;
  /** One line per command, as typed in redis-cli. Empty for manual fixes. */
  commands: string[];
  /** Placeholders the engineer must fill before the commands are exact (empty: exact already). */
  needs: string[];
  /** The form for its params (empty: nothing to fill in). */
  fields: FixField[];
  /** The server can pre-fill the params from the investigation's results. */
  suggests: boolean;
  target: NonNullable<FixAction["target"]>;
  dataCost?: string;
  minVersion?: string;
  verifyCli?: string;
  manual?: ManualFix;
  when?: { anyOf: string[] };
}

const quote = (a: string) => (a === "" ? '""' : /[\s"'\\]/.test(a) ? JSON.stringify(a) : a);
export const argvLine = (argv: readonly string[]) => argv.map(quote).join(" ");

export function fixPreview(fix: FixAction): FixPreview {
  const base = {
    id: fix.id,
    title: fix.title,
    risk: fix.risk,
    target: fix.target ?? "instance",
    dataCost: fix.dataCost,
    minVersion: fix.minVersion,
    verifyCli: fix.verify.redisCli,
    manual: fix.manual,
    when: fix.when,
    fields: fixFields(z.toJSONSchema(fix.params, { io: "input" }) as Parameters<typeof fixFields>[0]),
    suggests: Boolean(fix.suggest),
  };
  if (!fix.argv) return { ...base, preview: fix.preview, commands: [], needs: [] };
  const rendered = renderFix(fix, {});
  if (rendered.ok) return { ...base, preview: rendered.preview, commands: rendered.commands.map((c) => (c.node ? `# on ${c.node}\n` : "") + argvLine(c.argv)), needs: [] };
  const needs = [...new Set([...fix.argv.join(" ").matchAll(/\{([A-Za-z][A-Za-z0-9]*)\}/g)].map((m) => m[1]!))];
  const line = fix.forEach ? `${argvLine(fix.argv)}   # once per ${fix.forEach} entry` : argvLine(fix.argv);
  return { ...base, preview: fix.preview, commands: [line], needs };
}

/**
 * The text the engineer types to confirm a fix: the exact command line(s) it will send, one per line,
 * as `argvLine` shows them. The server renders the same commands and compares, so what was
 * confirmed is what runs.
 */
export function confirmationText(commands: readonly { argv: readonly string[] }[]): string {
  return commands.map((c) => argvLine(c.argv)).join("\n");
}

/** The role a fix needs: losing connections, keys or unsaved writes is an admin's call. */
export function roleForFix(fix: Pick<FixAction, "risk">): Role {
  return fix.risk === "destructive" ? "admin" : "responder";
}
