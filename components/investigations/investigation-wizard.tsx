"use client";
// The investigation wizard: header (instance, playbook, status) and the playbook's five phases as
// keyboard-reachable tabs (arrow keys move between them). Fixes run only through FixRunPanel (typed
// confirmation, server-side guards and audit), and only on an instance that allows remediation.
import Link from "next/link";
import { useState, type ReactNode } from "react";
import { Tabs } from "radix-ui";
import { TriangleExclamationPoint } from "lucide-react";
import type { PlaybookDocument } from "@/lib/playbooks/playbook-data";
import type { InvestigationDetail, InvestigationStatus } from "@/lib/investigations/types";
import { INVESTIGATION_STATUSES } from "@/lib/investigations/types";
import { findingCodesOf, recordsOfStep, stepCondition } from "@/lib/investigations/hypotheses";
import { roleForFix, type FixPreview } from "@/lib/investigations/fix-preview";
import { useCan } from "@/components/auth/role-provider";
import { useInvestigation, usePatchInvestigation } from "@/lib/client/use-investigation";
import { cx } from "@/lib/client/cx";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CodeBlock } from "@/components/ui/code-block";
import { ErrorPanel } from "@/components/ui/error-panel";
import { RelativeTime } from "@/components/ui/relative-time";
import { HYPOTHESIS_LOOK, LookBadge, STATUS_LOOK } from "./investigation-status";
import { StepCard } from "./step-card";
import { FixRunPanel } from "./fix-run-panel";
import { TableHead } from "@/components/ui/table-head";

export type WizardPlaybook = Omit<PlaybookDocument, "fixes">;

interface Props {
  initial: InvestigationDetail;
  instance: { id: string; name: string; allowRemediation: boolean };
  playbook: WizardPlaybook;
  fixes: FixPreview[];
}

const PHASES = [
  { id: "symptoms", label: "Symptoms" },
  { id: "investigation", label: "Investigation" },
  { id: "root-cause", label: "Root cause" },
  { id: "fix", label: "Fix" },
  { id: "prevention", label: "Prevention" },
] as const;

const RISK_CLS: Record<FixPreview["risk"], string> = {
  read: "text-ok bg-ok-soft border-ok/45",
  config: "text-warn bg-warn-soft border-warn/45",
  destructive: "text-crit bg-crit-soft border-crit/45",
};
const RISK_LABEL: Record<FixPreview["risk"], string> = { read: "Risk: read only", config: "Risk: changes state, no data lost", destructive: "Risk: destructive" };

export function InvestigationWizard({ initial, instance, playbook, fixes }: Props) {
  const { data: inv } = useInvestigation(initial.id, initial);
  const patch = usePatchInvestigation(initial.id);
  const seen = findingCodesOf(inv.steps);

  return (
    <div className="space-y-6">
      <header className="space-y-3">
        <p className="text-sm text-muted">
          <Link href={`/instances/${instance.id}`} className="font-medium">
            {instance.name}
          </Link>{" "}
          · investigation started <RelativeTime at={Date.parse(inv.createdAt)} /> by {inv.createdBy}
        </p>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold">{playbook.title}</h1>
          <LookBadge look={STATUS_LOOK[inv.status]} />
        </div>
        <p className="max-w-3xl text-sm">{playbook.summary}</p>
        <div role="group" aria-label="Investigation status" className="flex flex-wrap items-center gap-2">
          {INVESTIGATION_STATUSES.map((s: InvestigationStatus) => (
            <Button
              key={s}
              size="sm"
              variant={inv.status === s ? "primary" : "secondary"}
              aria-pressed={inv.status === s}
              busy={patch.isPending && patch.variables?.status === s}
              onClick={() => inv.status !== s && patch.mutate({ status: s })}
            >
              {STATUS_LOOK[s].label}
            </Button>
          ))}
        </div>
        {patch.isError && <ErrorPanel error={patch.error} title="The change was not saved" live />}
      </header>

      <Tabs.Root defaultValue="investigation" className="space-y-4">
        <Tabs.List aria-label="Playbook phases" className="flex flex-wrap gap-1 border-b border-line">
          {PHASES.map((p, i) => (
            <Tabs.Trigger
              key={p.id}
              value={p.id}
              className="-mb-px rounded-t-md border border-transparent px-3 py-2 text-sm font-medium text-muted data-[state=active]:border-line data-[state=active]:border-b-surface data-[state=active]:bg-surface data-[state=active]:text-fg"
            >
              {i + 1}. {p.label}
            </Tabs.Trigger>
          ))}
        </Tabs.List>

        <Tabs.Content value="symptoms">
          <Card title="What the incident looks like" as="h2">
            <ul className="space-y-3">
              {playbook.symptoms.map((s) => {
                const shown = (s.findingCodes ?? []).filter((c) => seen.has(c));
                return (
                  <li key={s.text} className="space-y-1">
                    <p>{s.text}</p>
                    <p className="text-xs text-muted">
                      {s.findingCodes?.length ? <>Shown by {s.findingCodes.map((c) => <code key={c} className="mr-1">{c}</code>)}</> : null}
                      {s.metric && (
                        <>
                          {" "}
                          · live metric <code>{s.metric}</code>
                        </>
                      )}
                      {shown.length > 0 && <strong className="ml-1 text-fg">· seen in this investigation</strong>}
                    </p>
                  </li>
                );
              })}
            </ul>
          </Card>
        </Tabs.Content>

        <Tabs.Content value="investigation" className="space-y-4">
          {playbook.investigation.map((step, i) => (
            <StepCard key={step.id} investigationId={inv.id} index={i} step={step} records={recordsOfStep(inv.steps, step.id)} condition={stepCondition(step.when, inv.steps)} />
          ))}
        </Tabs.Content>

        <Tabs.Content value="root-cause">
          <Card title="Hypotheses" as="h2">
            <p className="mb-3 text-sm text-muted">Decided by the findings of the saved step results. Choose the cause you act on; the choice is saved with the investigation.</p>
            <fieldset className="space-y-3">
              <legend className="sr-only">Root cause</legend>
              {inv.hypotheses.map((h) => {
                const rc = playbook.rootCauses.find((r) => r.id === h.rootCauseId);
                return (
                  <label key={h.rootCauseId} className={cx("flex gap-3 rounded-md border p-3", inv.rootCauseId === h.rootCauseId ? "border-primary" : "border-line")}>
                    <input
                      type="radio"
                      name="root-cause"
                      className="mt-1"
                      checked={inv.rootCauseId === h.rootCauseId}
                      disabled={patch.isPending}
                      onChange={() => patch.mutate({ rootCauseId: h.rootCauseId })}
                    />
                    <span className="space-y-1">
                      <span className="flex flex-wrap items-center gap-2">
                        <span className="font-semibold">{h.title}</span>
                        <LookBadge look={HYPOTHESIS_LOOK[h.state]} />
                        {inv.rootCauseId === h.rootCauseId && <span className="text-sm font-semibold">(chosen)</span>}
                      </span>
                      {rc && <span className="block text-sm">{rc.explanation}</span>}
                      <span className="block text-xs text-muted">
                        {h.decidedBy.length ? (
                          <>Decided by {h.decidedBy.map((c) => <code key={c} className="mr-1">{c}</code>)}</>
                        ) : (
                          <>
                            No deciding finding yet. Confirmed by {rc?.confirmedBy.map((c) => <code key={c} className="mr-1">{c}</code>)}
                            {rc?.ruledOutBy?.length ? <> · ruled out by {rc.ruledOutBy.map((c) => <code key={c} className="mr-1">{c}</code>)}</> : null}
                          </>
                        )}
                      </span>
                    </span>
                  </label>
                );
              })}
            </fieldset>
          </Card>
        </Tabs.Content>

        <Tabs.Content value="fix" className="space-y-4">
          <p className="flex items-center gap-2 rounded-md border border-warn/45 bg-warn-soft px-3 py-2 text-sm">
            <TriangleExclamationPoint aria-hidden className="size-4 text-warn" strokeWidth={2.5} />
            {instance.allowRemediation
              ? "Remediation is allowed on this instance: a fix runs only after you type its exact command, and every command sent is in the audit log."
              : "Redline sends nothing to this instance: remediation is not allowed in its settings (an admin can allow it). Copy the commands and run them yourself."}
          </p>
          {fixes.map((f) => (
            <FixCard key={f.id} fix={f} seen={seen} run={instance.allowRemediation ? <FixRunPanel investigationId={initial.id} fix={f} steps={inv.steps.length} /> : null} />
          ))}
        </Tabs.Content>

        <Tabs.Content value="prevention" className="space-y-4">
          <Card title="Config checks" as="h2">
            <table className="w-full text-left text-sm">
              <TableHead columns={["Setting", "Recommended", "Why"]} />
              <tbody>
                {playbook.prevention.configChecks.map((c) => (
                  <tr key={c.setting} className="border-t border-line align-top">
                    <td className="py-2 pr-4 font-mono">{c.setting}</td>
                    <td className="py-2 pr-4 font-mono">{c.recommended}</td>
                    <td className="py-2">{c.why}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
          <Card title="Alert rules" as="h2">
            <ul className="flex flex-wrap gap-2">
              {playbook.prevention.alertRules.map((r) => (
                <li key={r}>
                  <code>{r}</code>
                </li>
              ))}
            </ul>
          </Card>
          <Card title="Practices" as="h2">
            <ul className="list-disc space-y-1 pl-5">
              {playbook.prevention.practices.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </Card>
        </Tabs.Content>
      </Tabs.Root>
    </div>
  );
}

function FixCard({ fix, seen, run }: { fix: FixPreview; seen: Set<string>; run: ReactNode }) {
  const [checked, setChecked] = useState<Record<number, boolean>>({});
  const applies = !fix.when || fix.when.anyOf.some((c) => seen.has(c));
  // With the params form on screen, its exact command (from the values typed) is the one to read.
  const formShown = useCan(roleForFix(fix)) && !!run && fix.fields.length > 0 && !fix.manual;
  return (
    <Card
      title={fix.title}
      as="h2"
      actions={<span className={cx("inline-flex items-center rounded-full border px-2.5 py-0.5 text-sm font-semibold", RISK_CLS[fix.risk])}>{RISK_LABEL[fix.risk]}</span>}
    >
      <div className="space-y-3 text-sm">
        {fix.when && (
          <p className="text-muted">
            {applies ? "Applies: " : "Offered when the investigation finds "}
            {fix.when.anyOf.map((c) => <code key={c} className="mr-1">{c}</code>)}
          </p>
        )}
        <p>{fix.preview}</p>
        {fix.dataCost && (
          <p>
            <span className="font-semibold">Cost: </span>
            {fix.dataCost}
          </p>
        )}
        {fix.commands.length > 0 && !formShown && (
          <div className="space-y-1">
            <p className="font-medium">
              {fix.needs.length ? <>Command (fill in {fix.needs.map((n) => <code key={n} className="mr-1">{`{${n}}`}</code>)})</> : "Exact command"}
              {fix.target !== "instance" && <> · runs on {fix.target === "every-master" ? "every master" : "every node"}</>}
              {fix.minVersion && <> · Redis ≥ {fix.minVersion}</>}
            </p>
            {fix.commands.map((c) => (
              <CodeBlock key={c} code={c} />
            ))}
          </div>
        )}
        {run}
        {fix.manual && (
          <div className="space-y-2">
            <p className="font-medium">Manual fix: Redline sends nothing</p>
            <p className="whitespace-pre-wrap">{fix.manual.instructions}</p>
            {fix.manual.copyable && <CodeBlock code={fix.manual.copyable} label="Copy" />}
            {fix.manual.checklist && (
              <ul className="space-y-1">
                {fix.manual.checklist.map((item, i) => (
                  <li key={item}>
                    <label className="flex items-start gap-2">
                      <input type="checkbox" className="mt-1" checked={!!checked[i]} onChange={(e) => setChecked((c) => ({ ...c, [i]: e.target.checked }))} />
                      <span>{item}</span>
                    </label>
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        {fix.verifyCli && (
          <div className="space-y-1">
            <p className="font-medium">Verify</p>
            <CodeBlock code={fix.verifyCli} />
          </div>
        )}
      </div>
    </Card>
  );
}
