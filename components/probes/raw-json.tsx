// "Raw JSON" disclosure (Radix Collapsible): the full data, for what the generic view leaves out.
"use client";
import { useState } from "react";
import { Collapsible } from "radix-ui";
import { ChevronDown, ChevronRight } from "lucide-react";
import { CopyButton } from "@/components/ui/copy-button";

export function RawJson({ value, label = "Raw JSON" }: { value: unknown; label?: string }) {
  const [open, setOpen] = useState(false);
  const Icon = open ? ChevronDown : ChevronRight;
  return (
    <Collapsible.Root open={open} onOpenChange={setOpen}>
      <Collapsible.Trigger className="inline-flex items-center gap-1 rounded px-1 text-sm font-semibold text-accent hover:underline">
        <Icon aria-hidden className="size-4" />
        {label}
      </Collapsible.Trigger>
      <Collapsible.Content className="mt-2 space-y-1">
        {open && (
          <>
            <div className="flex justify-end">
              <CopyButton text={JSON.stringify(value, null, 2)} label="Copy JSON" />
            </div>
            <pre className="max-h-96 overflow-auto rounded-md border border-line bg-canvas p-3 text-xs leading-relaxed">{JSON.stringify(value, null, 2)}</pre>
          </>
        )}
      </Collapsible.Content>
    </Collapsible.Root>
  );
}
