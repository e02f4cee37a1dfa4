// Sign-in page. Already signed in: straight on to `next`. The single sign-on link shows only when
// the server has OIDC configured (decided here, on the server); the local form always stays, so
// the first admin can still get in when the identity provider is down.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { TriangleAlert } from "lucide-react";
import { LoginForm } from "@/components/auth/login-form";
import { OidcSignInLink } from "@/components/auth/oidc-sign-in-link";
import { readEnv } from "@/lib/config/env";
import { currentUser } from "@/lib/security/page-user";
import { safeNextPath } from "@/lib/security/next-path";
import { oidcErrorMessage } from "@/lib/security/oidc/errors";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<{ next?: string; error?: string }> };

export default async function LoginPage({ searchParams }: Props) {
  const { next, error } = await searchParams;
  if (await currentUser()) redirect(safeNextPath(next));
  const oidc = readEnv().oidc;
  const problem = oidcErrorMessage(error);
  return (
    <div className="mx-auto max-w-sm space-y-6 pt-10">
      <h1 className="text-2xl font-bold">Sign in to Redline</h1>
      {problem && (
        <p role="alert" className="flex gap-2 rounded-md border border-down/50 bg-down-soft p-3 text-sm">
          <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-down" />
          <span>
            <strong>Single sign-on failed.</strong> {problem}
          </span>
        </p>
      )}
      {oidc && (
        <>
          <OidcSignInLink label={oidc.label} next={safeNextPath(next)} />
          <p className="flex items-center gap-3 text-sm text-muted before:h-px before:flex-1 before:bg-line after:h-px after:flex-1 after:bg-line">or with a local account</p>
        </>
      )}
      <LoginForm next={next} />
    </div>
  );
}
