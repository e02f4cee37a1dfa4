"use client";
// The runnable part of a fix in the Fix phase: an exact command goes straight to confirmation; a fix
// with params gets a form pre-filled from the investigation's results, and the server renders the
// exact command(s) from it before anything can be confirmed.
import { roleForFix, type FixPreview } from "@/lib/investigations/fix-preview";
import { useCan } from "@/components/auth/role-provider";
import { FixConfirmRun } from "./fix-confirm-run";
import { FixParamsForm } from "./fix-params-form";

interface Props {
  investigationId: string;
  fix: FixPreview;
  /** Saved step records so far: a new result can change the suggested params. */
  steps: number;
}

export function FixRunPanel(props: Props) {
  // Hidden from a role the server would refuse (the server checks anyway); the command stays copyable.
  const role = roleForFix(props.fix);
  if (!useCan(role)) {
    if (props.fix.manual || props.fix.commands.length === 0) return null;
    return <p className="text-sm text-muted">Running this fix from Redline needs the {role} role; the command above can be copied.</p>;
  }
  return <RunnableFix {...props} />;
}

function RunnableFix({ investigationId, fix, steps }: Props) {
  if (fix.manual || fix.commands.length === 0) return null;
  if (fix.fields.length === 0) {
    const expected = fix.commands.map((c) => c.replace(/^# on [^\n]*\n/, "")).join("\n");
    return <FixConfirmRun investigationId={investigationId} fix={fix} expected={expected} />;
  }
  return <FixParamsForm investigationId={investigationId} fix={fix} steps={steps} />;
}
