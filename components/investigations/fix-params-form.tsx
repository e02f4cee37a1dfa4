"use client";
// The params of a fix as a form: values start from what the investigation saw (the server's
// suggestion: the biggest key, the idle connections, the calculated backlog) or the fix's defaults;
// a list (connections to close) shows each entry with a checkbox to leave it out. Every change asks
// the server for the exact command(s) again; only those can be confirmed and run.
import { useId, useMemo, useState } from "react";
import type { FixField } from "@/lib/investigations/fix-fields";
import type { FixPreview } from "@/lib/investigations/fix-preview";
import { useFixDraft } from "@/lib/client/use-investigation";
import { formatBytes } from "@/lib/client/format";
import { CodeBlock } from "@/components/ui/code-block";
import { ErrorPanel } from "@/components/ui/error-panel";
import { FieldError, TextField, controlClasses } from "@/components/ui/field";
import { FixConfirmRun } from "./fix-confirm-run";

interface Props {
  investigationId: string;
  fix: FixPreview;
  steps: number;
}

type ScalarField = Exclude<FixField, { kind: "list" }>;

/** Typed text as the param's JSON value; undefined leaves the suggestion or default in charge. */
function typedValue(field: ScalarField, text: string): unknown {
  if (text.trim() === "") return undefined;
  if (field.kind === "integer" || field.kind === "number") {
    const n = Number(text);
    return Number.isFinite(n) ? n : text;
  }
  return text;
}

const itemKey = (item: unknown) => JSON.stringify(item);

/** The allowed range, in bytes units for a size (`ignoreBytes`, `bytes`), with the typed size read out. */
function numberHint(f: ScalarField, text: string): string | undefined {
  if (f.kind !== "integer" && f.kind !== "number") return undefined;
  const bytes = /bytes$/i.test(f.name);
  const show = (n: number) => (bytes ? formatBytes(n) : String(n));
  const range = f.min !== undefined && f.max !== undefined ? `${show(f.min)} to ${show(f.max)}` : f.min !== undefined ? `At least ${show(f.min)}` : f.max !== undefined ? `At most ${show(f.max)}` : "";
  const typed = Number(text);
  const now = bytes && text.trim() !== "" && Number.isFinite(typed) ? `= ${formatBytes(typed)}` : "";
  return [now, range].filter(Boolean).join(" · ") || undefined;
}

export function FixParamsForm({ investigationId, fix, steps }: Props) {
  const baseId = useId();
  const scalars = fix.fields.filter((f): f is ScalarField => f.kind !== "list");
  const list = fix.fields.find((f) => f.kind === "list");
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [excluded, setExcluded] = useState<Set<string>>(new Set());

  const typed = useMemo(() => {
    const out: Record<string, unknown> = {};
    for (const f of scalars) {
      const v = texts[f.name] === undefined ? undefined : typedValue(f, texts[f.name]!);
      if (v !== undefined) out[f.name] = v;
    }
    return out;
  }, [texts, scalars]);

  const suggested = useFixDraft(investigationId, fix.id, steps, typed, { keepPrevious: true });
  const items = list && Array.isArray(suggested.data?.params[list.name]) ? (suggested.data!.params[list.name] as unknown[]) : [];
  const labels = suggested.data?.itemLabels ?? [];
  const kept = items.filter((item) => !excluded.has(itemKey(item)));
  const narrowed = list && excluded.size > 0 && kept.length > 0 ? { ...suggested.data?.params, [list.name]: kept } : null;
  const final = useFixDraft(investigationId, fix.id, steps, narrowed ?? {}, { enabled: narrowed !== null });
  // Only a draft rendered from exactly what the form shows can be confirmed: never a placeholder
  // or one still refreshing (it could still list a connection just unticked).
  const active = narrowed ? final : suggested;
  const emptyList = !!list && items.length > 0 && kept.length === 0;
  const settled = !emptyList && !!active.data && !active.isPlaceholderData && !active.isFetching;
  const draft = settled ? active.data : undefined;
  const loading = !emptyList && !settled && !active.error;
  const error = suggested.error ?? final.error;

  const shown = (f: ScalarField) => texts[f.name] ?? String(suggested.data?.params[f.name] ?? f.default ?? "");

  return (
    <div className="space-y-3 rounded-md border border-line p-3" aria-busy={loading}>
      <p className="font-medium">Parameters{fix.suggests ? " (pre-filled from this investigation's results)" : ""}</p>
      {suggested.data?.hint && <p className="text-sm text-muted">{suggested.data.hint}</p>}
      <div className="grid gap-3 sm:grid-cols-2">
        {scalars.map((f) =>
          f.kind === "choice" ? (
            <div key={f.name} className="flex flex-col gap-1.5">
              <label htmlFor={`${baseId}-${f.name}`} className="text-sm font-semibold">
                {f.label}
              </label>
              <select id={`${baseId}-${f.name}`} className={controlClasses} value={shown(f)} onChange={(e) => setTexts((t) => ({ ...t, [f.name]: e.target.value }))}>
                {f.options.map((o) => (
                  <option key={o}>{o}</option>
                ))}
              </select>
            </div>
          ) : (
            <TextField
              key={f.name}
              id={`${baseId}-${f.name}`}
              label={f.label}
              inputMode={f.kind === "text" ? undefined : "numeric"}
              value={shown(f)}
              hint={numberHint(f, shown(f))}
              onChange={(e) => setTexts((t) => ({ ...t, [f.name]: e.target.value }))}
              spellCheck={false}
              autoComplete="off"
            />
          ),
        )}
      </div>
      {list && items.length > 0 && (
        <fieldset className="space-y-1">
          <legend className="text-sm font-semibold">
            {list.label} — {kept.length} of {items.length} kept
          </legend>
          <ul className="max-h-64 space-y-1 overflow-auto rounded-md border border-line p-2 font-mono text-sm">
            {items.map((item, i) => {
              const key = itemKey(item);
              return (
                <li key={key}>
                  <label className="flex items-start gap-2">
                    <input
                      type="checkbox"
                      className="mt-1"
                      checked={!excluded.has(key)}
                      onChange={(e) =>
                        setExcluded((prev) => {
                          const next = new Set(prev);
                          if (e.target.checked) next.delete(key);
                          else next.add(key);
                          return next;
                        })
                      }
                    />
                    <span>{labels[i] ?? key}</span>
                  </label>
                </li>
              );
            })}
          </ul>
        </fieldset>
      )}
      {emptyList && <FieldError>Keep at least one entry, or leave this fix alone.</FieldError>}
      {error ? <ErrorPanel error={error} /> : null}
      {draft && draft.errors.length > 0 && (
        <ul className="space-y-1">
          {draft.errors.map((e) => (
            <li key={e}>
              <FieldError>{e}</FieldError>
            </li>
          ))}
        </ul>
      )}
      {draft && draft.errors.length === 0 && (
        <div className="space-y-1" data-testid="fix-draft-commands">
          <p className="font-medium">Exact command{draft.commands.length > 1 ? `s (${draft.commands.length})` : ""}</p>
          <div className="max-h-72 overflow-auto rounded-md">
            <CodeBlock code={draft.commands.join("\n")} />
          </div>
          {draft.preview !== fix.preview && <p className="text-sm">{draft.preview}</p>}
        </div>
      )}
      <FixConfirmRun investigationId={investigationId} fix={fix} expected={draft?.errors.length === 0 ? draft.confirmation : ""} params={draft?.params} disabled={loading || !draft || draft.errors.length > 0} />
    </div>
  );
}
