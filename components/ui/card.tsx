// A bordered panel with an optional heading row; the page's sections are cards.
import type { ReactNode } from "react";
import { cx } from "@/lib/client/cx";

interface CardProps {
  title?: ReactNode;
  /** Heading level for the title; pages keep a correct outline (h1 page, h2 sections). */
  as?: "h2" | "h3";
  actions?: ReactNode;
  className?: string;
  children: ReactNode;
  id?: string;
}

export function Card({ title, as: Heading = "h2", actions, className, children, id }: CardProps) {
  return (
    <section id={id} aria-labelledby={title && id ? `${id}-title` : undefined} className={cx("rounded-lg border border-line bg-surface", className)}>
      {(title || actions) && (
        <div className="flex flex-wrap items-center justify-between gap-2 border-b border-line px-4 py-3">
          {title && (
            <Heading id={id ? `${id}-title` : undefined} className="text-base font-semibold">
              {title}
            </Heading>
          )}
          {actions && <div className="flex items-center gap-2">{actions}</div>}
        </div>
      )}
      <div className="p-4">{children}</div>
    </section>
  );
}
