"use client";
// The team lead's page: open investigations, incidents by playbook over time, prevention items
// still open per instance, and alerting coverage, refreshed every 30 s. Each part says what to do
// when it is empty.
import Link from "next/link";
import { BellOff, ClipboardCheck, Inbox, Server } from "lucide-react";
import { useTeamView } from "@/lib/client/use-postmortem";
import { formatDuration } from "@/lib/client/format";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorPanel } from "@/components/ui/error-panel";
import { LoadingStatus, Skeleton } from "@/components/ui/skeleton";
import { LookBadge, STATUS_LOOK } from "@/components/investigations/investigation-status";
import { CoverageBadge } from "./coverage-badge";
import { IncidentsChart } from "./incidents-chart";

const th = "px-3 py-2 text-left text-sm font-semibold";
const td = "px-3 py-2 align-top text-sm";

export function TeamViewPage() {
  const q = useTeamView();
  if (q.isPending)
    return (
      <div className="space-y-4">
        <LoadingStatus label="Loading the team view…" />
        <Skeleton className="h-40 w-full" />
        <Skeleton className="h-64 w-full" />
      </div>
    );
  if (q.isError) return <ErrorPanel error={q.error} title="The team view could not be loaded" actions={<Button onClick={() => void q.refetch()}>Try again</Button>} />;
  const v = q.data;
  const noInstances = v.coverage.length === 0;
  const withItems = v.prevention.filter((p) => p.failingChecks.length || p.openItems.length);
  const uncovered = v.coverage.filter((c) => c.level !== "covered");

  return (
    <div className="space-y-6">
      <Card id="open-investigations" title={`Open investigations (${v.openInvestigations.length})`}>
        {v.openInvestigations.length === 0 ? (
          <EmptyState icon={Inbox} title="No open investigation">
            Nothing is being worked on. When an instance misbehaves, open it from the fleet page and start its playbook.
          </EmptyState>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full">
              <thead className="border-b border-line">
                <tr>
                  <th className={th}>Investigation</th>
                  <th className={th}>Instance</th>
                  <th className={th}>Playbook</th>
                  <th className={th}>Status</th>
                  <th className={th}>Age</th>
                  <th className={th}>Who</th>
                </tr>
              </thead>
              <tbody>
                {v.openInvestigations.map((o) => (
                  <tr key={o.id} className="border-b border-line last:border-0">
                    <td className={td}>
                      <Link href={`/investigations/${o.id}`}>{o.title}</Link>
                    </td>
                    <td className={td}>{o.instance ? <Link href={`/instances/${o.instance.id}`}>{o.instance.name}</Link> : "(deleted)"}</td>
                    <td className={td}>{o.playbookTitle}</td>
                    <td className={td}>
                      <LookBadge look={STATUS_LOOK[o.status]} />
                    </td>
                    <td className={td}>{formatDuration(o.ageMs / 1000)}</td>
                    <td className={td}>{o.createdBy}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>

      <Card id="incidents" title="Incidents by playbook, per week">
        {v.weeks.every((w) => w.total === 0) ? (
          <EmptyState icon={ClipboardCheck} title="No incident in the last 12 weeks">
            Each investigation started counts as one incident of its playbook; they will show here by week.
          </EmptyState>
        ) : (
          <IncidentsChart weeks={v.weeks} titles={v.playbookTitles} />
        )}
      </Card>

      <Card id="prevention" title="Prevention items still open">
        <p className="mb-3 text-sm text-muted">
          Config checks: the playbooks&apos; prevention settings against the latest configuration audit an investigation ran on the instance. Action items: the postmortems&apos; items not marked done.
        </p>
        {noInstances ? (
          <EmptyState icon={Server} title="No instance registered" actions={<ButtonLink href="/instances/new">Register an instance</ButtonLink>} />
        ) : withItems.length === 0 ? (
          <EmptyState icon={ClipboardCheck} title="Nothing open">
            No failing prevention check and no open action item. Instances never audited: {v.prevention.filter((p) => !p.auditedAt).map((p) => p.instance.name).join(", ") || "none"}. Run the configuration step of a playbook to audit one.
          </EmptyState>
        ) : (
          <ul className="space-y-4">
            {withItems.map((p) => (
              <li key={p.instance.id} className="rounded-md border border-line p-3">
                <h3 className="font-semibold">
                  <Link href={`/instances/${p.instance.id}`}>{p.instance.name}</Link> <span className="text-sm font-normal text-muted">{p.instance.address}</span>
                </h3>
                {p.failingChecks.length > 0 && (
                  <ul className="mt-2 space-y-1 text-sm">
                    {p.failingChecks.map((c) => (
                      <li key={c.setting}>
                        <span className="font-semibold text-warn">Config</span> <code>{c.setting}</code> is {c.current === null ? "unknown" : <code>{c.current}</code>}, recommended: {c.recommended} ({c.playbooks.join(", ")}; audited {p.auditedAt?.slice(0, 16).replace("T", " ")} UTC)
                      </li>
                    ))}
                  </ul>
                )}
                {p.openItems.length > 0 && (
                  <ul className="mt-2 space-y-1 text-sm">
                    {p.openItems.map((o) => (
                      <li key={`${o.investigationId}-${o.item.id}`}>
                        <span className="font-semibold">{o.item.type}</span> {o.item.text || "(no text)"} · owner {o.item.owner || "nobody"} · due {o.item.due || "no date"} ·{" "}
                        <Link href={`/investigations/${o.investigationId}#postmortem`}>{o.investigationTitle}</Link>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card id="coverage" title="Alerting coverage">
        <p className="mb-3 text-sm text-muted">
          An instance is covered when the sampler samples it (live alerts need samples), no override loosens a rule tenfold or more, and an alert webhook pages someone. Webhook: {v.webhookConfigured ? "configured" : "not configured (REDLINE_ALERT_WEBHOOK_URL)"}. Sampler: {v.samplingEnabled ? "running" : "off"}.
        </p>
        {noInstances ? (
          <EmptyState icon={Server} title="No instance registered" actions={<ButtonLink href="/instances/new">Register an instance</ButtonLink>} />
        ) : uncovered.length === 0 ? (
          <EmptyState icon={BellOff} title="Every instance is covered">
            Every registered instance is sampled, alerts page through the webhook, and no rule is loosened out of reach.
          </EmptyState>
        ) : (
          <ul className="space-y-2">
            {v.coverage.map((c) => (
              <li key={c.instance.id} className="flex flex-wrap items-start gap-3 rounded-md border border-line p-3">
                <CoverageBadge level={c.level} />
                <div className="min-w-0 flex-1">
                  <p className="font-semibold">
                    <Link href={`/instances/${c.instance.id}`}>{c.instance.name}</Link> <span className="text-sm font-normal text-muted">{c.instance.address}</span>
                  </p>
                  {c.reasons.length > 0 && (
                    <ul className="list-disc pl-5 text-sm text-muted">
                      {c.reasons.map((r) => (
                        <li key={r}>{r}</li>
                      ))}
                    </ul>
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
