import { describe, expect, it } from "vitest";
import { alertKey, stepAlerts, type AlertRecord, type Evaluation, type StepContext, type Transition } from "./alert-state";
import { findRule } from "./rules";

const clients = findRule("clients-warning")!; // for 60 s
const clientsCritical = findRule("clients-critical")!; // for 0, same finding code
const unreachable = findRule("instance-unreachable")!;

/** Drives the pure state machine with a fake clock, keeping the open alerts as the engine does. */
function machine() {
  const open = new Map<string, AlertRecord>();
  let n = 0;
  return {
    open,
    step(at: number, evals: Array<Omit<Evaluation, "message" | "node"> & { node?: string }>): Transition[] {
      const ctx: StepContext = { instanceId: "i1", at, forSecondsOf: (r) => r.forSeconds, newId: () => `a${++n}` };
      const evaluations = evals.map((e) => ({ node: "n1", message: "m", ...e }));
      // Like the engine: only the open alerts of the nodes evaluated (all of them when none is).
      const nodes = new Set(evaluations.map((e) => e.node));
      const scope = new Map([...open].filter(([, a]) => nodes.size === 0 || nodes.has(a.node)));
      const out = stepAlerts(scope, evaluations, ctx);
      for (const t of out) {
        const key = alertKey(t.alert.ruleId, t.alert.node);
        if (t.kind === "pending" || t.kind === "firing") open.set(key, t.alert);
        else open.delete(key);
      }
      return out;
    },
  };
}

describe("alert state machine", () => {
  it("goes pending → firing after the rule's `for`, then resolved", () => {
    const m = machine();
    expect(m.step(0, [{ rule: clients, holds: true, value: 85 }]).map((t) => t.kind)).toEqual(["pending"]);
    expect(m.step(30_000, [{ rule: clients, holds: true, value: 86 }])).toEqual([]);
    const firing = m.step(60_000, [{ rule: clients, holds: true, value: 88 }]);
    expect(firing).toMatchObject([{ kind: "firing", alert: { state: "firing", startedAt: 0, firedAt: 60_000, value: 88, threshold: 80 } }]);
    expect(m.step(62_000, [{ rule: clients, holds: true, value: 88 }])).toEqual([]);
    const resolved = m.step(64_000, [{ rule: clients, holds: false, value: 10 }]);
    expect(resolved).toMatchObject([{ kind: "resolved", alert: { state: "resolved", firedAt: 60_000, resolvedAt: 64_000, value: 10 } }]);
    expect(m.open.size).toBe(0);
  });

  it("drops a pending alert that clears before its `for`", () => {
    const m = machine();
    m.step(0, [{ rule: clients, holds: true, value: 85 }]);
    expect(m.step(10_000, [{ rule: clients, holds: false, value: 50 }]).map((t) => t.kind)).toEqual(["dropped"]);
    // Holding again starts a new wait.
    m.step(20_000, [{ rule: clients, holds: true, value: 85 }]);
    expect(m.step(70_000, [{ rule: clients, holds: true, value: 85 }])).toEqual([]);
    expect(m.step(80_000, [{ rule: clients, holds: true, value: 85 }]).map((t) => t.kind)).toEqual(["firing"]);
  });

  it("fires at once when `for` is 0", () => {
    const m = machine();
    expect(m.step(0, [{ rule: clientsCritical, holds: true, value: 99 }])).toMatchObject([{ kind: "firing", alert: { firedAt: 0 } }]);
  });

  it("lets a firing critical rule silence the warning of the same finding code on the same node", () => {
    const m = machine();
    m.step(0, [{ rule: clients, holds: true, value: 85 }]);
    m.step(60_000, [{ rule: clients, holds: true, value: 85 }]);
    const out = m.step(61_000, [
      { rule: clients, holds: true, value: 97 },
      { rule: clientsCritical, holds: true, value: 97 },
    ]);
    expect(out.map((t) => [t.kind, t.alert.ruleId])).toEqual([
      ["firing", "clients-critical"],
      ["resolved", "clients-warning"],
    ]);
    // Another node is independent.
    expect(m.step(62_000, [{ rule: clients, holds: true, value: 85, node: "n2" }]).map((t) => t.kind)).toEqual(["pending"]);
  });

  it("resolves an open alert whose rule was not evaluated (rule gone, node gone)", () => {
    const m = machine();
    m.step(0, [{ rule: unreachable, holds: true, value: 1 }]);
    m.step(30_000, [{ rule: unreachable, holds: true, value: 1 }]);
    expect(m.step(32_000, []).map((t) => t.kind)).toEqual(["resolved"]);
  });
});
