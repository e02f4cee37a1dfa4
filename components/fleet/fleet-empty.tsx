// First run: what Redline is, and how to get an instance (or a demo fleet) onto this page.
import { Plus, Server } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { ButtonLink } from "@/components/ui/button";

export function FleetEmpty() {
  return (
    <EmptyState
      icon={Server}
      title="No Redis instances yet"
      actions={
        <ButtonLink href="/instances/new" variant="primary">
          <Plus aria-hidden className="size-4" />
          Register your first instance
        </ButtonLink>
      }
    >
      <p>
        Redline watches your Redis instances, shows which ones are in trouble and walks you through the incident playbook with read-only
        probes that cannot make things worse.
      </p>
      <p>
        Register an instance with its address and credentials, or try it on a local demo fleet in incident states with{" "}
        <code className="rounded bg-raised px-1.5 py-0.5 text-fg">npm run demo</code>.
      </p>
    </EmptyState>
  );
}
