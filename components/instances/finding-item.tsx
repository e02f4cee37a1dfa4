// One finding: severity (icon + word + colour), message, stable code, evidence and its playbook.
import { BookOpen } from "lucide-react";
import type { Finding } from "@/lib/client/types";
import { playbookFor, playbookLabel } from "@/lib/client/playbook-for";
import { SeverityBadge } from "@/components/ui/status-badge";
import { EvidenceTable } from "./evidence-table";

export function FindingItem({ finding }: { finding: Finding }) {
  const playbook = playbookFor(finding);
  return (
    <li className="flex flex-col gap-2 border-t border-line py-3 first:border-t-0 first:pt-0 sm:flex-row sm:gap-4">
      <div className="w-28 shrink-0">
        <SeverityBadge severity={finding.severity} size="sm" />
      </div>
      <div className="min-w-0 flex-1 space-y-2">
        <p className="font-medium">{finding.message}</p>
        <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
          <code className="text-muted">{finding.code}</code>
          {playbook && (
            <span className="inline-flex items-center gap-1.5 text-fg">
              <BookOpen aria-hidden className="size-4 text-accent" />
              Playbook: <strong>{playbookLabel(playbook)}</strong>
            </span>
          )}
        </div>
        <EvidenceTable evidence={finding.evidence} />
      </div>
    </li>
  );
}
