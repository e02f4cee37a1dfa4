import { describe, expect, it } from "vitest";
import { budgetFindings, connectionBudget } from "./connection-budget-math";

describe("connectionBudget", () => {
  it("adds up the reference's example and compares it with 80 % of maxclients", () => {
    // Incident 8: 20 pods × 200 + 2 replicas + 3 Sentinels × 2 + 1 exporter, maxclients 10000.
    const b = connectionBudget({ pods: 20, poolSizePerPod: 200, replicas: 2, sentinels: 3, monitoring: 1 }, 10_000);
    expect(b.terms.map((t) => [t.name, t.connections])).toEqual([
      ["applications", 4000],
      ["replicas", 2],
      ["sentinels", 6],
      ["monitoring", 1],
      ["reserve", 2 + Math.ceil(4009 * 0.05)],
    ]);
    expect(b.total).toBe(4009 + 203);
    expect(b).toMatchObject({ budgetPct: 80, budgetLimit: 8000, pctOfMax: 42.1, headroom: 8000 - 4212, inputs: { reserve: 203, reserveDefaulted: true } });
    expect(b.formula).toBe("4000 + 2 + 6 + 1 + 203 = 4212 vs 80 % × 10000 = 8000");
    // Largest pool that fits: (8000 − 212) / 20.
    expect(b.maxPoolSizePerPod).toBe(389);
    expect(budgetFindings("n", b, 120)).toEqual([]);
  });

  it("warns past 80 % and is critical past maxclients", () => {
    const warn = connectionBudget({ pods: 40, poolSizePerPod: 200, replicas: 0, sentinels: 0, monitoring: 0, reserve: 0 }, 10_000);
    expect(budgetFindings("n", warn, 9000)).toMatchObject([{ code: "clients.budget-exceeded", severity: "warning", evidence: { planned: 8000, connectedNow: 9000 } }]);
    const over = connectionBudget({ pods: 60, poolSizePerPod: 200, replicas: 0, sentinels: 0, monitoring: 0, reserve: 0 }, 10_000);
    expect(budgetFindings("n", over, null)).toMatchObject([{ severity: "critical", evidence: { connectedNow: "unknown" } }]);
    expect(over.headroom).toBe(-4000);
  });

  it("shows a given reserve as given, and has no percentage without maxclients", () => {
    const b = connectionBudget({ pods: 1, poolSizePerPod: 10, replicas: 0, sentinels: 0, monitoring: 2, reserve: 5 }, null);
    expect(b.terms.at(-1)).toEqual({ name: "reserve", formula: "5 (given)", connections: 5 });
    expect(b).toMatchObject({ total: 17, pctOfMax: null, budgetLimit: null, maxPoolSizePerPod: null });
    expect(budgetFindings("n", b, 3)).toEqual([]);
  });
});
