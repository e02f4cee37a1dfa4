// State of the instance form: values as typed, field errors (client or server), and moving focus to
// the first invalid field after a failed submit. Values are never reset on error: nothing typed is lost.
"use client";
import { useCallback, useEffect, useState, type RefObject } from "react";
import { validate, type FieldErrors, type InstanceFormValues } from "@/lib/client/instance-form-values";
import type { ApiProblem } from "@/lib/client/api-fetch";

/** Which error paths a field's edit makes obsolete. */
const CLEARS: Partial<Record<keyof InstanceFormValues, string[]>> = {
  tlsCa: ["tls.ca"],
  tlsServername: ["tls.servername"],
  tlsEnabled: ["tls.ca", "tls.servername"],
  clearPassword: ["password"],
  mode: ["sentinelMaster"],
  renamed: ["renamedCommands"],
};

function withoutPaths(errors: FieldErrors, prefixes: string[]): FieldErrors {
  const next = { ...errors };
  for (const key of Object.keys(next)) if (prefixes.some((p) => key === p || key.startsWith(`${p}.`))) delete next[key];
  delete next.form;
  return next;
}

export function focusFirstInvalid(root: HTMLElement | null) {
  const target = root?.querySelector<HTMLElement>('[aria-invalid="true"], [data-form-error]');
  if (!target) return;
  target.focus();
  target.scrollIntoView({ block: "center", behavior: "smooth" });
}

/** `formRef` stays with the caller: the returned object is passed to sections during render. */
export function useInstanceFormState(initial: () => InstanceFormValues, formRef: RefObject<HTMLFormElement | null>) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [focusRequest, setFocusRequest] = useState(0);

  // After the errors are rendered (aria-invalid set), not before.
  useEffect(() => {
    if (focusRequest > 0) focusFirstInvalid(formRef.current);
  }, [focusRequest, formRef]);

  const set = useCallback(<K extends keyof InstanceFormValues>(key: K, value: InstanceFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => withoutPaths(e, [String(key), ...(CLEARS[key] ?? [])]));
  }, []);

  /** Client-side check with the API's schema; false (and focus moved) when something is wrong. */
  const check = useCallback((overrides: Partial<InstanceFormValues> = {}): boolean => {
    const found = validate({ ...values, ...overrides });
    setErrors(found);
    if (Object.keys(found).length === 0) return true;
    setFocusRequest((n) => n + 1);
    return false;
  }, [values]);

  /** Puts the server's field errors next to their fields; the rest becomes the form-level error. */
  const showProblem = useCallback((problem: ApiProblem) => {
    const next: FieldErrors = {};
    for (const e of problem.errors) next[e.field] ??= e.message;
    setErrors(next);
    setFocusRequest((n) => n + 1);
  }, []);

  return { values, errors, set, check, showProblem };
}

export type InstanceFormState = ReturnType<typeof useInstanceFormState>;
