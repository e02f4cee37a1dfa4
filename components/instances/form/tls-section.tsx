// TLS settings: off by default; the CA and server name only matter once it is on.
"use client";
import { TriangleExclamationPoint } from "lucide-react";
import { TextAreaField, TextField } from "@/components/ui/field";
import { SwitchField } from "@/components/ui/switch-field";
import type { InstanceFormState } from "./use-instance-form-state";
import { FormSection } from "./form-section";

export function TlsSection({ form, hasStoredCa }: { form: InstanceFormState; hasStoredCa: boolean }) {
  const { values: v, set, errors } = form;
  return (
    <FormSection legend="Encryption">
      <SwitchField id="tlsEnabled" name="tlsEnabled" label="TLS" checked={v.tlsEnabled} onCheckedChange={(on) => set("tlsEnabled", on)} description="Encrypt the connection (redis-server built with TLS, tls-port, or a managed Redis that requires it)." />
      {v.tlsEnabled && (
        <div className="space-y-4 border-l-2 border-line pl-4">
          <TextAreaField
            id="tls-ca"
            name="tls.ca"
            label="CA certificate"
            optional
            rows={5}
            spellCheck={false}
            placeholder={"-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----"}
            value={v.tlsCa}
            onChange={(e) => set("tlsCa", e.target.value)}
            error={errors["tls.ca"]}
            hint={hasStoredCa ? "A CA certificate is stored. Leave empty to keep it; paste one to replace it." : "PEM of the CA that signed the server's certificate. Empty: the system's trusted CAs."}
          />
          <TextField id="tls-servername" name="tls.servername" label="Server name (SNI)" optional spellCheck={false} className="font-mono" value={v.tlsServername} onChange={(e) => set("tlsServername", e.target.value)} error={errors["tls.servername"]} hint="The name in the server's certificate, when it differs from the host you connect to." />
          <SwitchField id="tls-skipVerify" name="tls.skipVerify" label="Skip certificate verification" checked={v.tlsSkipVerify} onCheckedChange={(on) => set("tlsSkipVerify", on)} description="For self-signed test servers only." />
          {v.tlsSkipVerify && (
            <p role="note" className="flex gap-2 rounded-md border border-warn/50 bg-warn-soft p-3 text-sm text-fg">
              <TriangleExclamationPoint aria-hidden className="mt-0.5 size-4 shrink-0 text-warn" strokeWidth={2.5} />
              <span>
                <strong className="text-warn">Warning:</strong> without verification, anyone on the network path can pose as this server and
                read the password Redline sends. Provide the CA certificate instead whenever you can.
              </span>
            </p>
          )}
        </div>
      )}
    </FormSection>
  );
}
