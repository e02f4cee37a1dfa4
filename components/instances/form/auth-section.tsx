// Credentials. The stored password never comes back from the server: on edit, an empty field keeps it.
"use client";
import { TextField } from "@/components/ui/field";
import type { InstanceFormState } from "./use-instance-form-state";
import { FormSection } from "./form-section";

export function AuthSection({ form, hasStoredPassword }: { form: InstanceFormState; hasStoredPassword: boolean }) {
  const { values: v, set, errors } = form;
  return (
    <FormSection legend="Authentication" description="Leave both empty when the server has no password. Stored encrypted; never sent back to the browser.">
      <div className="grid gap-4 md:grid-cols-2">
        <TextField id="username" name="username" label="Username" optional autoComplete="off" spellCheck={false} className="font-mono" value={v.username} onChange={(e) => set("username", e.target.value)} error={errors.username} hint="ACL user (Redis 6+). Empty: the default user." />
        <TextField
          id="password"
          name="password"
          label="Password"
          type="password"
          optional
          autoComplete="new-password"
          value={v.password}
          disabled={v.clearPassword}
          onChange={(e) => set("password", e.target.value)}
          error={errors.password}
          hint={hasStoredPassword ? "A password is stored. Leave empty to keep it; type a new one to replace it." : "requirepass, or the ACL user's password."}
        />
      </div>
      {hasStoredPassword && (
        <div className="flex items-center gap-2">
          <input id="clearPassword" name="clearPassword" type="checkbox" className="size-4 accent-[var(--primary)]" checked={v.clearPassword} onChange={(e) => set("clearPassword", e.target.checked)} />
          <label htmlFor="clearPassword" className="text-sm font-semibold">
            Clear stored password
          </label>
        </div>
      )}
    </FormSection>
  );
}
