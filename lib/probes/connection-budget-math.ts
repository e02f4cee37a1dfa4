// Pure connection budget (incident 8): Σ(app pods × pool size) + replicas + Sentinels + monitoring +
// a reserve, against the share of maxclients the rule table allows (80 % by default). Every input and
// term is returned with its formula, so the engineer sees how the total was reached.
import { ruleById, ruleFindings, round } from "./probe-findings";
import type { Finding } from "./finding";

/** A replica holds one connection to its master (the replication link). */
export const CONNECTIONS_PER_REPLICA = 1;
/** A Sentinel holds two per monitored master: commands and the hello pub/sub channel (incident 8: 3 × 2 = 6). */
export const CONNECTIONS_PER_SENTINEL = 2;
/** Redline's own probe + reserved connection per node (DESIGN.md "Do no harm"). */
export const REDLINE_CONNECTIONS = 2;
/** Default ops reserve on top of Redline's: scripts and humans with redis-cli (incident 8 found ~200 left open). */
export const RESERVE_SHARE = 0.05;

export interface BudgetInputs {
  pods: number;
  poolSizePerPod: number;
  replicas: number;
  sentinels: number;
  monitoring: number;
  /** Absent: Redline's 2 + 5 % of the other terms. */
  reserve?: number;
}

export interface BudgetTerm {
  name: string;
  formula: string;
  connections: number;
}

export interface Budget {
  inputs: Required<BudgetInputs> & { reserveDefaulted: boolean };
  terms: BudgetTerm[];
  total: number;
  formula: string;
  maxclients: number | null;
  /** The rule table's share of maxclients the total must stay under (rule clients-budget-warning). */
  budgetPct: number;
  budgetLimit: number | null;
  pctOfMax: number | null;
  /** Connections left under the budget limit (negative: over). */
  headroom: number | null;
  /** The largest pool size per pod that keeps the total under the limit, other terms unchanged. */
  maxPoolSizePerPod: number | null;
}

export function connectionBudget(inputs: BudgetInputs, maxclients: number | null): Budget {
  const apps = inputs.pods * inputs.poolSizePerPod;
  const replicas = inputs.replicas * CONNECTIONS_PER_REPLICA;
  const sentinels = inputs.sentinels * CONNECTIONS_PER_SENTINEL;
  const others = apps + replicas + sentinels + inputs.monitoring;
  const reserveDefaulted = inputs.reserve === undefined;
  const reserve = inputs.reserve ?? REDLINE_CONNECTIONS + Math.ceil(others * RESERVE_SHARE);
  const terms: BudgetTerm[] = [
    { name: "applications", formula: `${inputs.pods} pods × ${inputs.poolSizePerPod} pool size`, connections: apps },
    { name: "replicas", formula: `${inputs.replicas} × ${CONNECTIONS_PER_REPLICA}`, connections: replicas },
    { name: "sentinels", formula: `${inputs.sentinels} × ${CONNECTIONS_PER_SENTINEL}`, connections: sentinels },
    { name: "monitoring", formula: `${inputs.monitoring}`, connections: inputs.monitoring },
    {
      name: "reserve",
      formula: reserveDefaulted ? `Redline ${REDLINE_CONNECTIONS} + ⌈${RESERVE_SHARE * 100} % × ${others}⌉` : `${reserve} (given)`,
      connections: reserve,
    },
  ];
  const total = terms.reduce((s, t) => s + t.connections, 0);
  const budgetPct = ruleById("clients-budget-warning").threshold;
  const limit = maxclients ? Math.floor((maxclients * budgetPct) / 100) : null;
  return {
    inputs: { ...inputs, reserve, reserveDefaulted },
    terms,
    total,
    formula: `${terms.map((t) => t.connections).join(" + ")} = ${total}${limit !== null ? ` vs ${budgetPct} % × ${maxclients} = ${limit}` : ""}`,
    maxclients,
    budgetPct,
    budgetLimit: limit,
    pctOfMax: maxclients ? round((total / maxclients) * 100, 1) : null,
    headroom: limit === null ? null : limit - total,
    maxPoolSizePerPod: limit === null || inputs.pods === 0 ? null : Math.max(0, Math.floor((limit - (total - apps)) / inputs.pods)),
  };
}

export function budgetFindings(node: string, budget: Budget, connected: number | null): Finding[] {
  if (budget.pctOfMax === null) return [];
  return ruleFindings(["clients.budget-exceeded"], { "clients.budget_pct_of_max": budget.pctOfMax }, {
    node,
    planned: budget.total,
    maxclients: budget.maxclients ?? 0,
    budgetLimit: budget.budgetLimit ?? 0,
    connectedNow: connected ?? "unknown",
    formula: budget.formula,
  });
}
