// Tags: key=value labels the fleet page filters on. environment and team are offered by default.
"use client";
import { rowError } from "@/lib/client/instance-form-values";
import { FieldError } from "@/components/ui/field";
import type { InstanceFormState } from "./use-instance-form-state";
import { FormSection } from "./form-section";
import { KeyValueRows } from "./key-value-rows";

const VALUE_EXAMPLES: Record<string, string> = { environment: "production", team: "payments" };

export function TagsSection({ form }: { form: InstanceFormState }) {
  const { values: v, set, errors } = form;
  return (
    <FormSection legend="Tags" description={<>Filter the fleet by them, e.g. <code className="text-fg">environment=production</code>, <code className="text-fg">team=payments</code>. Rows left without a value are ignored.</>}>
      <KeyValueRows
        idPrefix="tag"
        rows={v.tags}
        onChange={(rows) => set("tags", rows)}
        keyHeading="Tag"
        valueHeading="Value"
        keyLabel={(n) => `Tag ${n} key`}
        valueLabel={(n) => `Tag ${n} value`}
        keyPlaceholder="environment"
        valuePlaceholder={(key) => VALUE_EXAMPLES[key] ?? "value"}
        removeLabel={(n) => `Remove tag ${n}`}
        addLabel="Add tag"
        rowError={(row) => rowError(errors, "tags", row)}
      />
      {errors.tags && (
        <div tabIndex={-1} data-form-error>
          <FieldError>{errors.tags}</FieldError>
        </div>
      )}
    </FormSection>
  );
}
