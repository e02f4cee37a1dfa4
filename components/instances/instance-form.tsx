// The register and edit form (one component): validates with the API's zod schema before sending,
// puts server errors next to their fields, moves focus to the first invalid one, and keeps every
// typed value on error. "Test connection" tries the settings without saving them.
"use client";
import { useEffect, useRef } from "react";
import { useRouter } from "next/navigation";
import { Plug, Save } from "lucide-react";
import { ApiProblem } from "@/lib/client/api-fetch";
import { emptyValues, toInput, toPatch, valuesFromInstance } from "@/lib/client/instance-form-values";
import { useConnectionTest } from "@/lib/client/use-connection-test";
import { useCreateInstance, useUpdateInstance } from "@/lib/client/use-instance-mutations";
import type { InstancePublic } from "@/lib/client/types";
import { Button, ButtonLink } from "@/components/ui/button";
import { ErrorPanel } from "@/components/ui/error-panel";
import { AuthSection } from "./form/auth-section";
import { ConnectionSection } from "./form/connection-section";
import { ConnectionTestResult } from "./form/connection-test-result";
import { RemediationSection } from "./form/remediation-section";
import { RenamedCommandsSection } from "./form/renamed-commands-section";
import { TagsSection } from "./form/tags-section";
import { TlsSection } from "./form/tls-section";
import { useInstanceFormState } from "./form/use-instance-form-state";

export function InstanceForm({ instance }: { instance?: InstancePublic }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const form = useInstanceFormState(() => (instance ? valuesFromInstance(instance) : emptyValues()), formRef);
  const create = useCreateInstance();
  const update = useUpdateInstance(instance?.id ?? "");
  const save = instance ? update : create;
  const test = useConnectionTest();
  const v = form.values;
  const saveErrorRef = useRef<HTMLDivElement>(null);
  const hasFieldErrors = Object.keys(form.errors).length > 0;

  // A failure with no field to point at (server down, conflict on a hidden field): focus its message.
  useEffect(() => {
    if (save.error && !hasFieldErrors) saveErrorRef.current?.focus();
    // Only when a new error arrives, not on every edit.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [save.error]);

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    if (!form.check()) return;
    try {
      const saved = instance ? await update.mutateAsync(toPatch(v)) : await create.mutateAsync(toInput(v));
      router.push(`/instances/${saved.id}`);
    } catch (err) {
      if (err instanceof ApiProblem && err.errors.length > 0) form.showProblem(err);
    }
  }

  function onTest() {
    // The name is not needed to connect; do not make the user invent one first.
    const name = v.name.trim() || "connection-test";
    if (!form.check({ name })) return;
    const input = { ...toInput({ ...v, name }), ...(v.clearPassword ? { password: "" } : {}) };
    test.mutate({ instance: input, instanceId: instance?.id });
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate aria-label={instance ? `Edit ${instance.name}` : "Register instance"} className="space-y-6">
      <div className="grid items-start gap-6 lg:grid-cols-2">
        <div className="space-y-6">
          <ConnectionSection form={form} />
          <AuthSection form={form} hasStoredPassword={Boolean(instance?.hasPassword)} />
          <TlsSection form={form} hasStoredCa={Boolean(instance?.tls.hasCa)} />
        </div>
        <div className="space-y-6">
          <TagsSection form={form} />
          <RenamedCommandsSection form={form} />
          <RemediationSection form={form} />
        </div>
      </div>

      <ConnectionTestResult pending={test.isPending} result={test.data} error={test.error} />
      {save.isError && (
        <div ref={saveErrorRef} tabIndex={-1} className="rounded-lg">
          <ErrorPanel error={save.error} title={save.error instanceof ApiProblem ? `Not saved: ${save.error.title}` : "Not saved"} />
        </div>
      )}

      <div className="flex flex-wrap items-center gap-3 border-t border-line pt-5">
        <Button variant="primary" type="submit" busy={save.isPending}>
          <Save aria-hidden className="size-4" />
          Save
        </Button>
        <Button onClick={onTest} busy={test.isPending}>
          <Plug aria-hidden className="size-4" />
          Test connection
        </Button>
        <ButtonLink href={instance ? `/instances/${instance.id}` : "/"} variant="ghost">
          Cancel
        </ButtonLink>
      </div>
    </form>
  );
}
