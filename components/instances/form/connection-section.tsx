// Where the instance is: name, host, port, topology mode (and the Sentinel master), database.
"use client";
import { INSTANCE_MODES } from "@/lib/api/schemas/instance";
import { FieldShell, TextField, controlClasses } from "@/components/ui/field";
import type { InstanceFormState } from "./use-instance-form-state";
import { FormSection } from "./form-section";

const MODE_LABELS = { standalone: "Standalone (or a replica)", cluster: "Cluster", sentinel: "Sentinel-managed" } as const;

export function ConnectionSection({ form }: { form: InstanceFormState }) {
  const { values: v, set, errors } = form;
  const sentinel = v.mode === "sentinel";
  return (
    <FormSection legend="Connection">
      <div className="grid gap-4 md:grid-cols-2">
        <TextField id="name" name="name" label="Name" required aria-required autoComplete="off" value={v.name} onChange={(e) => set("name", e.target.value)} error={errors.name} hint="How the fleet list and alerts call it, e.g. sessions-prod-eu." />
        <FieldShell id="mode" label="Mode" error={errors.mode} hint={sentinel ? "Host and port are those of one Sentinel; Redline asks it where the master is." : "Cluster: any node's address; Redline discovers the others."}>
          {(aria) => (
            <select {...aria} name="mode" value={v.mode} onChange={(e) => set("mode", e.target.value as (typeof INSTANCE_MODES)[number])} className={`${controlClasses} h-[2.625rem]`}>
              {INSTANCE_MODES.map((m) => (
                <option key={m} value={m}>
                  {MODE_LABELS[m]}
                </option>
              ))}
            </select>
          )}
        </FieldShell>
      </div>
      <div className="grid gap-4 md:grid-cols-[1fr_10rem_10rem]">
        <TextField id="host" name="host" label="Host" required aria-required autoComplete="off" spellCheck={false} className="font-mono" value={v.host} onChange={(e) => set("host", e.target.value)} error={errors.host} hint="Hostname or IP address." />
        <TextField id="port" name="port" label="Port" type="number" inputMode="numeric" min={1} max={65535} required aria-required className="font-mono" value={v.port} onChange={(e) => set("port", e.target.value)} error={errors.port} />
        <TextField id="db" name="db" label="Database" type="number" inputMode="numeric" min={0} className="font-mono" value={v.db} onChange={(e) => set("db", e.target.value)} error={errors.db} hint="SELECT index; 0 in cluster mode." />
      </div>
      {sentinel && (
        <TextField id="sentinelMaster" name="sentinelMaster" label="Master name" required aria-required className="font-mono" value={v.sentinelMaster} onChange={(e) => set("sentinelMaster", e.target.value)} error={errors.sentinelMaster} hint="The name in the Sentinel configuration (sentinel monitor NAME …), e.g. mymaster." />
      )}
    </FormSection>
  );
}
