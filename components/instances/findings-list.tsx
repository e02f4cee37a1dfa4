// All findings of an instance, worst first; an explicit "nothing found" when every rule passes.
import { CircleCheck } from "lucide-react";
import type { Finding } from "@/lib/client/types";
import { severityRank } from "@/lib/client/status-order";
import { FindingItem } from "./finding-item";

export function FindingsList({ findings, emptyText = "No findings: every health rule is within its threshold." }: { findings: Finding[]; emptyText?: string }) {
  if (findings.length === 0) {
    return (
      <p className="flex items-center gap-2 text-ok">
        <CircleCheck aria-hidden className="size-5" strokeWidth={2.5} />
        <span className="text-fg">{emptyText}</span>
      </p>
    );
  }
  const sorted = [...findings].sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  return (
    <ul>
      {sorted.map((f, i) => (
        <FindingItem key={`${f.code}-${i}`} finding={f} />
      ))}
    </ul>
  );
}
