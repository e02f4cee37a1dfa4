// The sign-in form: username and password to /api/auth/login, then back to `next` (a local path
// only, so that the form cannot be used to send someone to another site).
"use client";
import { useState, type FormEvent } from "react";
import { LogIn } from "lucide-react";
import { apiFetch, ApiProblem } from "@/lib/client/api-fetch";
import { Button } from "@/components/ui/button";
import { safeNextPath } from "@/lib/security/next-path";

export function LoginForm({ next }: { next?: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await apiFetch("/api/auth/login", { method: "POST", json: { username: form.get("username"), password: form.get("password") } });
      // A full load: the layout (server) must render again with the new session.
      window.location.assign(safeNextPath(next));
    } catch (err) {
      setError(err instanceof ApiProblem ? (err.detail ?? err.title) : "Sign-in failed");
      setBusy(false);
    }
  }

  const field = "w-full rounded-md border border-line-strong bg-canvas px-3 py-2";
  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <div className="space-y-1">
        <label htmlFor="username" className="block font-semibold">
          Username
        </label>
        <input id="username" name="username" autoComplete="username" required className={field} />
      </div>
      <div className="space-y-1">
        <label htmlFor="password" className="block font-semibold">
          Password
        </label>
        <input id="password" name="password" type="password" autoComplete="current-password" required className={field} />
      </div>
      {error && (
        <p role="alert" className="rounded-md border border-down/50 bg-down-soft p-3 text-sm">
          {error}
        </p>
      )}
      <Button type="submit" variant="primary" busy={busy}>
        <LogIn aria-hidden className="size-4" />
        Sign in
      </Button>
    </form>
  );
}
