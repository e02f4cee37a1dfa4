// Sign out: ends the session on the server, then a full page load to /login so no cached data stays.
"use client";
import { useState } from "react";
import { LogOut } from "lucide-react";
import { Button } from "@/components/ui/button";

export function SignOutButton() {
  const [busy, setBusy] = useState(false);
  async function signOut() {
    setBusy(true);
    await fetch("/api/auth/logout", { method: "POST" }).catch(() => {});
    window.location.assign("/login");
  }
  return (
    <Button size="sm" busy={busy} onClick={signOut}>
      <LogOut aria-hidden className="size-4" />
      Sign out
    </Button>
  );
}
