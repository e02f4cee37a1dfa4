"use client";
// A role picker (with its label) saying what each role may do, so an admin grants the least that is enough.
import { ROLES, type Role } from "@/lib/security/roles";
import { controlClasses } from "@/components/ui/field";

export const ROLE_HELP: Record<Role, string> = {
  viewer: "reads everything; no scans, samples or fixes",
  responder: "runs probes and investigations, read and config fixes",
  admin: "registers instances, destructive fixes, users and tokens",
};

/** A labelled role field, laid out like the text fields beside it. */
export function RoleSelect({ id, value, onChange }: { id: string; value: Role; onChange: (role: Role) => void }) {
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-sm font-semibold">
        Role
      </label>
      <select id={id} className={controlClasses} value={value} onChange={(e) => onChange(e.target.value as Role)}>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {r} — {ROLE_HELP[r]}
          </option>
        ))}
      </select>
    </div>
  );
}
