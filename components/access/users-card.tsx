"use client";
// Local accounts: who can sign in with which role, and a form to add one. The password is sent once
// and stored as an argon2 hash; it is never shown again.
import { useId, useState, type FormEvent } from "react";
import type { Role } from "@/lib/security/roles";
import { useCreateUser, useUsers } from "@/lib/client/use-access";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ErrorPanel } from "@/components/ui/error-panel";
import { TextField } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { Skeleton } from "@/components/ui/skeleton";
import { fieldErrors } from "./field-errors";
import { RoleSelect } from "./role-select";
import { TableHead } from "@/components/ui/table-head";

export function UsersCard() {
  const users = useUsers();
  const create = useCreateUser();
  const id = useId();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [role, setRole] = useState<Role>("responder");
  const errors = fieldErrors(create.error);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    // The typed values stay in the form when the server refuses them.
    create.mutate({ username: username.trim(), password, role }, { onSuccess: () => (setUsername(""), setPassword("")) });
  };

  return (
    <Card title="Users" as="h2">
      <div className="space-y-4">
        {users.isPending && <Skeleton className="h-24" />}
        {users.isError && <ErrorPanel error={users.error} title="The users could not be loaded" />}
        {users.data && users.data.length > 0 && (
          <table className="w-full text-left text-sm">
            <TableHead columns={["User", "Role", "Created"]} />
            <tbody>
              {users.data.map((u) => (
                <tr key={u.id} className="border-t border-line">
                  <td className="py-2 pr-4 font-mono">{u.username}</td>
                  <td className="py-2 pr-4">{u.role}</td>
                  <td className="py-2">
                    <RelativeTime at={u.createdAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <form onSubmit={submit} className="grid gap-3 border-t border-line pt-4 sm:grid-cols-3" aria-label="Add a user">
          <TextField id={`${id}-username`} label="Username" value={username} onChange={(e) => setUsername(e.target.value)} error={errors.username} autoComplete="off" required />
          <TextField id={`${id}-password`} label="Password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} error={errors.password} hint="At least 12 characters" autoComplete="new-password" required />
          <RoleSelect id={`${id}-role`} value={role} onChange={setRole} />
          <div className="sm:col-span-3 flex items-center gap-3">
            <Button type="submit" variant="primary" busy={create.isPending}>
              Add user
            </Button>
            {create.isSuccess && <p role="status" className="text-sm text-ok">✔ {create.data.username} can sign in now.</p>}
          </div>
          {create.isError && Object.keys(errors).length === 0 && <ErrorPanel error={create.error} title="The user was not added" className="sm:col-span-3" />}
        </form>
      </div>
    </Card>
  );
}
