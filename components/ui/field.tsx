// Form fields: a <label>, the control, a hint and an error message, linked by aria-describedby so
// a screen reader reads the error with the field. The control gets aria-invalid when in error.
import type { ComponentProps, ReactNode } from "react";
import { cx } from "@/lib/client/cx";

export const controlClasses =
  "w-full rounded-md border border-line-strong bg-canvas px-3 py-2 text-fg placeholder:text-muted/80 aria-[invalid=true]:border-crit aria-[invalid=true]:border-2 disabled:opacity-60";

export interface ControlAria {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
}

interface FieldShellProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  optional?: boolean;
  className?: string;
  children: (aria: ControlAria) => ReactNode;
}

export function FieldShell({ id, label, hint, error, optional, className, children }: FieldShellProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={cx("flex flex-col gap-1.5", className)}>
      {/* "(optional)" stays outside the <label> so the field's accessible name is exactly its label. */}
      <div className="flex items-baseline gap-1.5">
        <label htmlFor={id} className="text-sm font-semibold text-fg">
          {label}
        </label>
        {optional && <span className="text-sm text-muted">(optional)</span>}
      </div>
      {children({ id, "aria-describedby": describedBy, "aria-invalid": error ? true : undefined })}
      {/* The error sits right under the control it is about, before the general hint. */}
      {error && <FieldError id={errorId!}>{error}</FieldError>}
      {hint && (
        <p id={hintId} className="text-sm text-muted">
          {hint}
        </p>
      )}
    </div>
  );
}

export function FieldError({ id, children }: { id?: string; children: ReactNode }) {
  return (
    <p id={id} className="text-sm font-semibold text-crit">
      <span aria-hidden>✖ </span>
      {children}
    </p>
  );
}

type InputFieldProps = Omit<ComponentProps<"input">, "id"> & { id: string; label: ReactNode; hint?: ReactNode; error?: string; optional?: boolean; fieldClassName?: string };

export function TextField({ id, label, hint, error, optional, fieldClassName, className, ...input }: InputFieldProps) {
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} optional={optional} className={fieldClassName}>
      {(aria) => <input {...aria} className={cx(controlClasses, className)} {...input} />}
    </FieldShell>
  );
}

type TextAreaFieldProps = Omit<ComponentProps<"textarea">, "id"> & { id: string; label: ReactNode; hint?: ReactNode; error?: string; optional?: boolean };

export function TextAreaField({ id, label, hint, error, optional, className, ...area }: TextAreaFieldProps) {
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} optional={optional}>
      {(aria) => <textarea {...aria} className={cx(controlClasses, "font-mono text-sm", className)} {...area} />}
    </FieldShell>
  );
}
