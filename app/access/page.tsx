// Access (admin): local users and their roles, API tokens for automation. Who signed in and what
// they did is on the audit log page.
import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/security/page-user";
import { UsersCard } from "@/components/access/users-card";
import { TokensCard } from "@/components/access/tokens-card";

export const metadata: Metadata = { title: "Access" };
export const dynamic = "force-dynamic";

export default async function AccessPage() {
  await requirePageUser("admin", "/access");
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">Access</h1>
        <p className="text-sm text-muted">
          Users sign in on the login page; tokens are for scripts. Every change here is in the <Link href="/audit">audit log</Link>.
        </p>
      </div>
      <UsersCard />
      <TokensCard />
    </div>
  );
}
