// "Sign in with <provider>": a plain link, not a form or fetch. The start route answers with a
// redirect to the identity provider, which a top-level navigation follows (a fetch could not, and
// the CSP's form-action 'self' would stop a form's redirect to another origin).
import { KeyRound } from "lucide-react";
import { buttonClasses } from "@/components/ui/button";

export function OidcSignInLink({ label, next }: { label: string; next: string }) {
  const href = next === "/" ? "/api/auth/oidc/start" : `/api/auth/oidc/start?${new URLSearchParams({ next })}`;
  return (
    <a href={href} className={buttonClasses("secondary", "md", "w-full")}>
      <KeyRound aria-hidden className="size-4" />
      Sign in with {label}
    </a>
  );
}
