// Sign out: ends the session on the server (and at the identity provider for a single sign-on
// session), then a full page load to /login so no cached data stays.
"use client";
import { useState } from "react";
import { LogOut } from "lucide-react";
import { Button } from "@/components/ui/button";

export function SignOutButton() {
  const [busy, setBusy] = useState(false);
  async function signOut() {
    setBusy(true);
    const res = await fetch("/api/auth/logout", { method: "POST" }).catch(() => undefined);
    // A single sign-on session also ends at the provider, which sends the browser back to /login.
    const body = res?.status === 200 ? ((await res.json().catch(() => ({}))) as { redirect?: unknown }) : {};
    window.location.assign(typeof body.redirect === "string" ? body.redirect : "/login");
  }
  return (
    <Button size="sm" busy={busy} onClick={signOut}>
      <LogOut aria-hidden className="size-4" />
      Sign out
    </Button>
  );
}
