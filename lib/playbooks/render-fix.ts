// Turns a fix action and its parameters into the exact commands to send: params validated by the
// fix's zod schema first, `{name}` placeholders filled, one command per element for `forEach` fixes.
// Pure: the preview and the guarded execution (lead's code) use the same output, so what the engineer
// confirms is what runs.
import type { FixAction } from "./schema";

export interface RenderedCommand {
  argv: string[];
  /** The node it runs on when the fix names one (a `node` param or a list element's `node`). */
  node?: string;
}

export type RenderResult = { ok: true; commands: RenderedCommand[]; preview: string } | { ok: false; errors: string[] };

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

function fill(template: string, values: Record<string, unknown>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const v = values[name];
    return v === undefined || v === null || typeof v === "object" ? whole : String(v);
  });
}

function fillArgv(argv: readonly string[], values: Record<string, unknown>): string[] | string {
  const out = argv.map((a) => fill(a, values));
  const missing = out.flatMap((a) => [...a.matchAll(PLACEHOLDER)].map((m) => m[1]));
  return missing.length ? `missing value for ${[...new Set(missing)].join(", ")}` : out;
}

export function renderFix(fix: FixAction, input: unknown): RenderResult {
  if (!fix.argv) return { ok: false, errors: ["This fix is manual: Redline sends nothing"] };
  const parsed = fix.params.safeParse(input ?? {});
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((i) => `${i.path.join(".") || "(params)"}: ${i.message}`) };
  const params = parsed.data as Record<string, unknown>;
  const commands: RenderedCommand[] = [];
  const errors: string[] = [];
  if (fix.forEach) {
    const list = params[fix.forEach];
    if (!Array.isArray(list) || list.length === 0) return { ok: false, errors: [`${fix.forEach}: an empty list`] };
    for (const item of list) {
      const values = { ...params, ...(item as Record<string, unknown>) };
      const argv = fillArgv(fix.argv, values);
      if (typeof argv === "string") errors.push(argv);
      else commands.push({ argv, ...(typeof values.node === "string" ? { node: values.node } : {}) });
    }
  } else {
    const argv = fillArgv(fix.argv, params);
    if (typeof argv === "string") errors.push(argv);
    else commands.push({ argv, ...(typeof params.node === "string" ? { node: params.node } : {}) });
  }
  if (errors.length) return { ok: false, errors: [...new Set(errors)] };
  return { ok: true, commands, preview: fill(fix.preview, params) };
}
