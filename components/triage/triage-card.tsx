// "Most likely: … because …": the instance's triage, the evidence behind the best match and a button
// to start that playbook's investigation. Weak candidates are listed as such, never as a verdict.
"use client";
import { RefreshCw, Stethoscope } from "lucide-react";
import { getPlaybook } from "@/lib/playbooks";
import { useTriage } from "@/lib/client/use-triage";
import type { RankedPlaybook } from "@/lib/triage/rank-playbooks";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ErrorPanel } from "@/components/ui/error-panel";
import { LoadingStatus } from "@/components/ui/skeleton";
import { SeverityBadge } from "@/components/ui/status-badge";
import { StartInvestigationButton } from "@/components/investigations/start-investigation-button";
import { cx } from "@/lib/client/cx";

function title(id: string): string {
  return getPlaybook(id)?.title ?? id;
}

function Evidence({ match }: { match: RankedPlaybook }) {
  return (
    <ul className="mt-2 space-y-1.5">
      {match.evidence.slice(0, 6).map((f, i) => (
        <li key={`${f.code}-${i}`} className="flex items-start gap-2 text-sm">
          <SeverityBadge severity={f.severity} size="sm" />
          {/* One text column beside the badge, so a long message wraps under itself, not under the badge. */}
          <span className="min-w-0 flex-1 break-words">
            {f.message} <span className="ml-1 whitespace-nowrap font-mono text-xs text-muted">{f.code}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}

export function TriageCard({ instanceId }: { instanceId: string }) {
  const triage = useTriage(instanceId);
  const rerun = (
    <Button size="sm" onClick={() => triage.refetch()} busy={triage.isFetching} disabled={triage.isFetching}>
      {!triage.isFetching && <RefreshCw aria-hidden className="size-4" />}
      Run triage again
    </Button>
  );
  const best = triage.data?.ranked[0];
  const others = (triage.data?.ranked ?? []).slice(best?.confident ? 1 : 0).filter((r) => r.score >= 0.3).slice(0, 3);
  return (
    <Card id="triage" title="Triage" actions={rerun}>
      {triage.isPending && <LoadingStatus label="Reading the signals (up to 3 s)…" />}
      {triage.isError && <ErrorPanel error={triage.error} title="Triage failed" />}
      {triage.data && best && (
        <div className="space-y-4">
          {best.confident ? (
            <div className={cx("rounded-md border border-crit/45 bg-crit-soft p-3")}>
              <div className="flex flex-wrap items-center justify-between gap-3">
                <p className="text-lg font-semibold">
                  <Stethoscope aria-hidden className="mr-2 inline size-5" />
                  Most likely: {title(best.playbookId)}{" "}
                  <span className="text-sm font-normal text-muted">(score {Math.round(best.score * 100)}%)</span>
                </p>
                <StartInvestigationButton instanceId={instanceId} playbookId={best.playbookId} label={`Investigate: ${title(best.playbookId)}`} />
              </div>
              <p className="mt-2 text-sm font-medium">Because:</p>
              <Evidence match={best} />
            </div>
          ) : (
            <p className="text-muted">
              No confident match: this instance shows no incident&apos;s signature right now. Ran in {triage.data.durationMs} ms.
            </p>
          )}
          {others.length > 0 && (
            <details>
              <summary className="cursor-pointer text-sm text-muted">Other candidates ({others.length}, weaker)</summary>
              <ul className="mt-2 space-y-3">
                {others.map((r) => (
                  <li key={r.playbookId} className="rounded-md border border-line p-3">
                    <div className="flex flex-wrap items-center justify-between gap-2">
                      <span className="font-medium">
                        {title(r.playbookId)} <span className="text-sm text-muted">(score {Math.round(r.score * 100)}%{r.confident ? ", confident" : ""})</span>
                      </span>
                      <StartInvestigationButton instanceId={instanceId} playbookId={r.playbookId} variant="secondary" label="Investigate" />
                    </div>
                    <Evidence match={r} />
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>
      )}
    </Card>
  );
}
