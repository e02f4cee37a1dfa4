"use client";
// API tokens for automation: which exist, their role, expiry and last use; create one (its secret is
// shown once, right here, and never again: only a hash is stored) and revoke one after confirming.
import { useId, useState, type FormEvent } from "react";
import { KeyRound } from "lucide-react";
import type { Role } from "@/lib/security/roles";
import type { ApiTokenInfo } from "@/lib/store/api-tokens-repo";
import { useCreateToken, useRevokeToken, useTokens } from "@/lib/client/use-access";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyButton } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorPanel } from "@/components/ui/error-panel";
import { TextField } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { Skeleton } from "@/components/ui/skeleton";
import { fieldErrors } from "./field-errors";
import { RoleSelect } from "./role-select";
import { TableHead } from "@/components/ui/table-head";

function stateOf(t: ApiTokenInfo, now: number): { label: string; cls: string; icon: string } {
  if (t.revokedAt) return { label: "Revoked", cls: "text-muted", icon: "⊘" };
  if (t.expiresAt <= now) return { label: "Expired", cls: "text-warn", icon: "⚠" };
  return { label: "Active", cls: "text-ok", icon: "✔" };
}

function RevokeButton({ token }: { token: ApiTokenInfo }) {
  const revoke = useRevokeToken();
  const [open, setOpen] = useState(false);
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={setOpen}
      trigger={
        <Button size="sm" variant="danger">
          Revoke
        </Button>
      }
      title={`Revoke ${token.name}?`}
      description={<p>Scripts using the token that starts with {token.prefix} are refused from now on. This cannot be undone: create a new token instead.</p>}
      confirmLabel="Revoke token"
      busy={revoke.isPending}
      error={revoke.error ? <ErrorPanel error={revoke.error} /> : undefined}
      onConfirm={() => revoke.mutate(token.id, { onSuccess: () => setOpen(false) })}
    />
  );
}

export function TokensCard() {
  const tokens = useTokens();
  const create = useCreateToken();
  const id = useId();
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("viewer");
  const [days, setDays] = useState("30");
  const errors = fieldErrors(create.error);
  // "Now" is when the list was fetched: state and expiry are as of that answer.
  const now = tokens.dataUpdatedAt;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ role, expiresInDays: Number(days), ...(name.trim() ? { name: name.trim() } : {}) });
  };

  return (
    <Card title="API tokens" as="h2">
      <div className="space-y-4">
        <p className="text-sm text-muted">
          Scripts send <code>Authorization: Bearer &lt;token&gt;</code>. Give each script its own token with the least role it needs.
        </p>
        {tokens.isPending && <Skeleton className="h-24" />}
        {tokens.isError && <ErrorPanel error={tokens.error} title="The tokens could not be loaded" />}
        {tokens.data?.length === 0 && (
          <EmptyState icon={KeyRound} title="No API tokens">
            Create one below for a script or a CI job; it is shown once.
          </EmptyState>
        )}
        {tokens.data && tokens.data.length > 0 && (
          <table className="w-full text-left text-sm">
            <TableHead columns={["Name", "Role", "State", "Expires", "Last used", <span className="sr-only">Actions</span>]} />
            <tbody>
              {tokens.data.map((t) => {
                const state = stateOf(t, now);
                return (
                  <tr key={t.id} className="border-t border-line">
                    <td className="py-2 pr-4">
                      {t.name} <span className="font-mono text-muted">{t.prefix}…</span>
                      <div className="text-xs text-muted">by {t.createdBy}</div>
                    </td>
                    <td className="py-2 pr-4">{t.role}</td>
                    <td className={`py-2 pr-4 font-semibold ${state.cls}`}>
                      <span aria-hidden>{state.icon} </span>
                      {state.label}
                    </td>
                    <td className="py-2 pr-4">
                      <RelativeTime at={t.expiresAt} />
                    </td>
                    <td className="py-2 pr-4">{t.lastUsedAt ? <RelativeTime at={t.lastUsedAt} /> : "never"}</td>
                    <td className="py-2 text-right">{state.label === "Active" && <RevokeButton token={t} />}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        <form onSubmit={submit} className="grid gap-3 border-t border-line pt-4 sm:grid-cols-3" aria-label="Create a token">
          <TextField id={`${id}-name`} label="Name" value={name} onChange={(e) => setName(e.target.value)} error={errors.name} optional placeholder="nightly-report" />
          <RoleSelect id={`${id}-role`} value={role} onChange={setRole} />
          <TextField id={`${id}-days`} label="Expires in (days)" inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value)} error={errors.expiresInDays} hint="1 to 365" required />
          <div className="sm:col-span-3">
            <Button type="submit" variant="primary" busy={create.isPending}>
              Create token
            </Button>
          </div>
          {create.isError && Object.keys(errors).length === 0 && <ErrorPanel error={create.error} title="The token was not created" className="sm:col-span-3" />}
        </form>
        {create.data && (
          <div role="status" className="space-y-2 rounded-md border border-warn/45 bg-warn-soft p-3">
            <p className="font-semibold">
              <span aria-hidden>⚠ </span>Copy the token now: it is not shown again.
            </p>
            <div className="flex flex-wrap items-center gap-2">
              <code data-testid="new-token" className="break-all rounded bg-canvas px-2 py-1 font-mono">
                {create.data.token}
              </code>
              <CopyButton text={create.data.token} label="Copy token" />
            </div>
          </div>
        )}
      </div>
    </Card>
  );
}
