// Radix tooltip with the app's styling. Only for extra detail: the trigger must make sense alone,
// since touch users never see a tooltip.
"use client";
import type { ReactNode } from "react";
import { Tooltip as T } from "radix-ui";

export function Tooltip({ content, children }: { content: ReactNode; children: ReactNode }) {
  return (
    <T.Root>
      <T.Trigger asChild>{children}</T.Trigger>
      <T.Portal>
        <T.Content sideOffset={6} className="z-50 max-w-xs rounded-md border border-line-strong bg-raised px-3 py-2 text-sm text-fg shadow-lg">
          {content}
          <T.Arrow className="fill-raised" />
        </T.Content>
      </T.Portal>
    </T.Root>
  );
}

export const TooltipProvider = T.Provider;
