// A probe's cost class, with what it means for a struggling server in a tooltip.
"use client";
import { Gauge } from "lucide-react";
import type { ProbeCost } from "@/lib/client/types";
import { Tooltip } from "@/components/ui/tooltip";

const COSTS: Record<ProbeCost, { label: string; explain: string }> = {
  "O(1)": { label: "O(1)", explain: "Constant time: a few cheap commands, safe on a struggling server." },
  "bounded-scan": { label: "Bounded scan", explain: "Iterates with SCAN and a COUNT, within a time and key budget, and backs off when latency rises." },
  sampling: { label: "Sampling", explain: "Reads a sample (of keys, clients or commands); figures are estimates." },
};

export function CostBadge({ cost }: { cost: ProbeCost }) {
  const c = COSTS[cost] ?? { label: cost, explain: "" };
  return (
    <Tooltip content={c.explain}>
      <button type="button" className="inline-flex items-center gap-1 rounded-full border border-line-strong px-2 py-px text-xs font-semibold text-fg">
        <Gauge aria-hidden className="size-3.5 text-muted" />
        <span className="sr-only">Cost: </span>
        {c.label}
      </button>
    </Tooltip>
  );
}
