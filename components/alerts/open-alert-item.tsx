// One open alert on the fleet page, on one line where it fits: state, severity, the instance
// (a link to it), what is wrong, for how long, and the playbook to follow.
import Link from "next/link";
import type { AlertView } from "@/lib/client/types";
import { SeverityBadge } from "@/components/ui/status-badge";
import { AlertDuration } from "./alert-duration";
import { AlertStateBadge } from "./alert-state-badge";
import { PlaybookRef } from "./playbook-ref";

export function OpenAlertItem({ alert }: { alert: AlertView }) {
  return (
    <li className="flex flex-wrap items-center gap-x-3 gap-y-1 border-t border-line py-2 first:border-t-0">
      <span className="flex gap-1.5">
        <AlertStateBadge state={alert.state} size="sm" />
        <SeverityBadge severity={alert.severity} size="sm" />
      </span>
      {alert.instance ? (
        <Link href={`/instances/${alert.instance.id}`} className="font-semibold">
          {alert.instance.name}
        </Link>
      ) : (
        <span className="font-semibold text-muted">deleted instance</span>
      )}
      <span className="min-w-48 flex-1">{alert.message}</span>
      <span className="text-sm text-muted">
        <AlertDuration alert={alert} />
      </span>
      <span className="text-sm">
        <PlaybookRef id={alert.playbook} />
      </span>
    </li>
  );
}
