// Whether playbook fix actions may change this instance. Off by default: Redline is read-only unless told.
"use client";
import { SwitchField } from "@/components/ui/switch-field";
import type { InstanceFormState } from "./use-instance-form-state";
import { FormSection } from "./form-section";

export function RemediationSection({ form }: { form: InstanceFormState }) {
  const { values: v, set } = form;
  return (
    <FormSection legend="Remediation">
      <SwitchField
        id="allowRemediation"
        name="allowRemediation"
        label="Allow remediation"
        checked={v.allowRemediation}
        onCheckedChange={(on) => set("allowRemediation", on)}
        description={
          <>
            Lets playbooks run their fix actions on this instance (e.g. <code className="text-fg">CONFIG SET</code>,{" "}
            <code className="text-fg">CLIENT KILL</code>, <code className="text-fg">SCRIPT KILL</code>), each only after a typed confirmation and
            written to the audit log. Off: Redline only reads; probes never change anything either way.
          </>
        }
      />
    </FormSection>
  );
}
