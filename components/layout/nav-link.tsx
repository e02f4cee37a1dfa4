// A header navigation link that marks the current page (aria-current), for sighted and AT users.
"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { cx } from "@/lib/client/cx";

export function NavLink({ href, children }: { href: string; children: ReactNode }) {
  const pathname = usePathname();
  const current = href === "/" ? pathname === "/" : pathname.startsWith(href);
  return (
    <Link
      href={href}
      aria-current={current ? "page" : undefined}
      className={cx(
        "inline-flex h-9 items-center gap-1.5 rounded-md px-3 text-sm font-medium no-underline",
        current ? "bg-raised text-fg underline decoration-2 underline-offset-[6px]" : "text-muted hover:bg-raised hover:text-fg",
      )}
    >
      {children}
    </Link>
  );
}
