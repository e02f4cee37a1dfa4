// The header's account corner: who is signed in, with which role, and Sign out.
import { SignOutButton } from "./sign-out-button";
import type { SignedInUser } from "./role-provider";

export function UserMenu({ user }: { user: SignedInUser }) {
  return (
    <div className="flex items-center gap-3 text-sm">
      <span>
        <span className="font-semibold" data-testid="signed-in-user">
          {user.name}
        </span>{" "}
        <span className="rounded border border-line-strong px-1.5 py-0.5 text-xs text-muted">{user.role}</span>
      </span>
      <SignOutButton />
    </div>
  );
}
