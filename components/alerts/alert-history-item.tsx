// One alert in an instance's history: state and severity, the message, then the facts a
// postmortem needs: rule, node, value against threshold, when it started, fired and resolved,
// how long, and the playbook.
import type { ReactNode } from "react";
import type { AlertView } from "@/lib/client/types";
import { formatAlertTime, formatAlertValue } from "@/lib/client/alert-view";
import { SeverityBadge } from "@/components/ui/status-badge";
import { AlertDuration } from "./alert-duration";
import { AlertStateBadge } from "./alert-state-badge";
import { PlaybookRef } from "./playbook-ref";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex gap-1.5">
      <dt className="text-muted">{label}</dt>
      <dd className="font-mono tabular">{children}</dd>
    </div>
  );
}

export function AlertHistoryItem({ alert, now }: { alert: AlertView; now: number }) {
  return (
    <li className="flex flex-col gap-2 border-t border-line py-3 first:border-t-0 first:pt-0 sm:flex-row sm:gap-4">
      <div className="flex shrink-0 flex-wrap content-start items-start gap-1.5 sm:w-48">
        <AlertStateBadge state={alert.state} size="sm" />
        <SeverityBadge severity={alert.severity} size="sm" />
      </div>
      <div className="min-w-0 flex-1 space-y-1.5">
        <p className="font-medium">{alert.message}</p>
        <dl className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
          <Fact label="Rule">{alert.ruleId}</Fact>
          {alert.node && <Fact label="Node">{alert.node}</Fact>}
          <Fact label="Value">
            {formatAlertValue(alert.value, alert.ruleId)} <span className="text-muted">(threshold {formatAlertValue(alert.threshold, alert.ruleId)})</span>
          </Fact>
          <Fact label="Started">{formatAlertTime(alert.startedAt, now)}</Fact>
          <Fact label="Fired">{formatAlertTime(alert.firedAt, now)}</Fact>
          <Fact label="Resolved">{formatAlertTime(alert.resolvedAt, now)}</Fact>
        </dl>
        <div className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
          <span className="text-muted">
            <AlertDuration alert={alert} />
          </span>
          <PlaybookRef id={alert.playbook} />
        </div>
      </div>
    </li>
  );
}
