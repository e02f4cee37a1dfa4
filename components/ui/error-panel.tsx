// Shows a failed request the way the API classified it: title, detail, code and what to check.
import type { ReactNode } from "react";
import { OctagonX } from "lucide-react";
import { ApiProblem } from "@/lib/client/api-fetch";
import { failureHint } from "@/lib/client/failure-hints";
import { cx } from "@/lib/client/cx";

interface ErrorPanelProps {
  error?: unknown;
  /** Overrides for non-ApiProblem errors or classified probe errors. */
  title?: string;
  detail?: string;
  code?: string;
  actions?: ReactNode;
  className?: string;
  /** Announce it (a refresh failed while the user looks at the page). */
  live?: boolean;
}

function describe(error: unknown): { title: string; detail?: string; code?: string } {
  if (error instanceof ApiProblem) return { title: error.title, detail: error.detail, code: error.code };
  if (error instanceof Error) return { title: "Something went wrong", detail: error.message };
  return { title: "Something went wrong" };
}

export function ErrorPanel({ error, title, detail, code, actions, className, live }: ErrorPanelProps) {
  const d = describe(error);
  const shownCode = code ?? d.code;
  const hint = failureHint(shownCode, detail ?? d.detail);
  return (
    <div role={live ? "alert" : undefined} className={cx("flex gap-3 rounded-lg border border-crit/50 bg-crit-soft p-4", className)}>
      <OctagonX aria-hidden className="mt-0.5 size-5 shrink-0 text-crit" strokeWidth={2.5} />
      <div className="min-w-0 space-y-1">
        <p className="font-semibold text-fg">
          <span className="text-crit">Error: </span>
          {title ?? d.title}
        </p>
        {(detail ?? d.detail) && <p className="break-words font-mono text-sm text-fg">{detail ?? d.detail}</p>}
        {hint && <p className="text-sm text-muted">{hint}</p>}
        {shownCode && (
          <p className="text-xs text-muted">
            Code <code className="rounded bg-raised px-1 py-px text-fg">{shownCode}</code>
          </p>
        )}
        {actions && <div className="flex flex-wrap gap-2 pt-2">{actions}</div>}
      </div>
    </div>
  );
}
