// A Radix switch with its label and explanation; the label is a real <label for>, so clicking the
// text toggles it and tests can find it by label.
"use client";
import type { ReactNode } from "react";
import { Label, Switch } from "radix-ui";
import { cx } from "@/lib/client/cx";

interface SwitchFieldProps {
  id: string;
  label: string;
  checked: boolean;
  onCheckedChange: (checked: boolean) => void;
  description?: ReactNode;
  name?: string;
  disabled?: boolean;
}

export function SwitchField({ id, label, checked, onCheckedChange, description, name, disabled }: SwitchFieldProps) {
  const descId = description ? `${id}-desc` : undefined;
  return (
    <div className="flex items-start gap-3">
      <Switch.Root
        id={id}
        name={name}
        checked={checked}
        onCheckedChange={onCheckedChange}
        disabled={disabled}
        aria-describedby={descId}
        className={cx(
          "relative mt-0.5 inline-flex h-6 w-11 shrink-0 items-center rounded-full border-2 transition-colors",
          checked ? "border-primary bg-primary" : "border-line-strong bg-raised",
        )}
      >
        <Switch.Thumb className={cx("block size-4 rounded-full shadow transition-transform", checked ? "translate-x-5 bg-on-primary" : "translate-x-0.5 bg-muted")} />
      </Switch.Root>
      <div className="flex flex-col gap-0.5">
        <div className="flex items-baseline gap-2">
          <Label.Root htmlFor={id} className="cursor-pointer text-sm font-semibold text-fg">
            {label}
          </Label.Root>
          {/* The switch role already announces its state; this is for eyes. */}
          <span aria-hidden className="text-sm text-muted">
            {checked ? "On" : "Off"}
          </span>
        </div>
        {description && (
          <div id={descId} className="text-sm text-muted">
            {description}
          </div>
        )}
      </div>
    </div>
  );
}
