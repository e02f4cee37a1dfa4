// The header on every page: wordmark, navigation (what the role may use), theme switch, account.
import Link from "next/link";
import { FlaskConical, Plus, Server, Users } from "lucide-react";
import { NavLink } from "./nav-link";
import { ThemeToggle } from "./theme-toggle";
import { UserMenu } from "@/components/auth/user-menu";
import type { SignedInUser } from "@/components/auth/role-provider";
import { atLeast } from "@/lib/security/roles";

/** `lab`: the server runs with the incident lab enabled (REDLINE_LAB=1), so the Lab page exists. */
export function SiteHeader({ lab = false, user = null }: { lab?: boolean; user?: SignedInUser | null }) {
  return (
    <header className="border-b border-line bg-surface">
      <div className="mx-auto flex h-14 max-w-[96rem] items-center gap-6 px-4 sm:px-6">
        <Link href="/" className="flex items-center gap-2 text-lg font-bold tracking-tight text-fg no-underline">
          <span aria-hidden className="inline-block h-5 w-1.5 rounded-sm bg-crit" />
          Redline
        </Link>
        {user && (
          <nav aria-label="Main" className="flex items-center gap-1">
            <NavLink href="/">
              <Server aria-hidden className="size-4" />
              Fleet
            </NavLink>
            <NavLink href="/team">
              <Users aria-hidden className="size-4" />
              Team
            </NavLink>
            {atLeast(user.role, "admin") && (
              <NavLink href="/instances/new">
                <Plus aria-hidden className="size-4" />
                Register instance
              </NavLink>
            )}
            {lab && (
              <NavLink href="/lab">
                <FlaskConical aria-hidden className="size-4" />
                Lab
              </NavLink>
            )}
            {atLeast(user.role, "admin") && <NavLink href="/access">Access</NavLink>}
            {atLeast(user.role, "admin") && <NavLink href="/audit">Audit log</NavLink>}
          </nav>
        )}
        <div className="ml-auto flex items-center gap-4">
          {user && <UserMenu user={user} />}
          <ThemeToggle />
        </div>
      </div>
    </header>
  );
}
