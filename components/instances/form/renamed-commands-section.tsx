// Renamed commands: hardened servers rename or disable CONFIG, KEYS, FLUSHALL… in redis.conf; Redline
// must send the new name, and knows not to try a disabled one.
"use client";
import { rowError } from "@/lib/client/instance-form-values";
import { FieldError } from "@/components/ui/field";
import type { InstanceFormState } from "./use-instance-form-state";
import { FormSection } from "./form-section";
import { KeyValueRows } from "./key-value-rows";

export function RenamedCommandsSection({ form }: { form: InstanceFormState }) {
  const { values: v, set, errors } = form;
  return (
    <FormSection
      legend="Renamed commands"
      description={
        <>
          Only if the server&apos;s <code className="text-fg">redis.conf</code> uses <code className="text-fg">rename-command</code>: e.g.{" "}
          <code className="text-fg">rename-command CONFIG CONFIG-ADMIN</code> is <code className="text-fg">CONFIG → CONFIG-ADMIN</code>. Leave
          the new name empty for a disabled command (renamed to <code className="text-fg">&quot;&quot;</code>).
        </>
      }
    >
      <KeyValueRows
        idPrefix="renamed"
        rows={v.renamed}
        onChange={(rows) => set("renamed", rows)}
        keyHeading="Original command"
        valueHeading="Renamed to (empty: disabled)"
        keyLabel={(n) => `Command ${n}`}
        valueLabel={(n) => `Command ${n} renamed to`}
        keyPlaceholder="CONFIG"
        valuePlaceholder={(cmd) => (cmd ? `${cmd.toUpperCase()}-ADMIN or empty` : "CONFIG-ADMIN")}
        separator="→"
        monoKeys
        removeLabel={(n) => `Remove renamed command ${n}`}
        addLabel="Add renamed command"
        rowError={(row) => rowError(errors, "renamedCommands", row)}
      />
      {errors.renamedCommands && (
        <div tabIndex={-1} data-form-error>
          <FieldError>{errors.renamedCommands}</FieldError>
        </div>
      )}
    </FormSection>
  );
}
