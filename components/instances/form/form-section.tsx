// One group of the instance form: a <fieldset> with a visible <legend> and a sentence of context.
import type { ReactNode } from "react";

export function FormSection({ legend, description, children }: { legend: string; description?: ReactNode; children: ReactNode }) {
  return (
    <fieldset className="space-y-4 rounded-lg border border-line bg-surface p-5">
      <legend className="-ml-1 px-1 text-base font-semibold">{legend}</legend>
      {description && <div className="-mt-2 text-sm text-muted">{description}</div>}
      {children}
    </fieldset>
  );
}
