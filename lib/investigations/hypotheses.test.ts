import { describe, expect, it } from "vitest";
import type { RootCause } from "@/lib/playbooks/schema";
import { getPlaybook, PLAYBOOKS } from "@/lib/playbooks";
import type { ProbeResult } from "@/lib/probes/types";
import { findingCodesOf, hypotheses, recordsOfStep, stepCondition } from "./hypotheses";

const withCodes = (...codes: string[]) => ({
  result: { findings: codes.map((code) => ({ code, severity: "warning", message: code, evidence: {} })) } as unknown as ProbeResult,
});
const note = { result: null };

const causes: RootCause[] = [
  { id: "a", title: "A", explanation: "", confirmedBy: ["x.one", "x.two"], ruledOutBy: ["y.no"] },
  { id: "b", title: "B", explanation: "", confirmedBy: ["z.yes"], ruledOutBy: ["x.one"] },
  { id: "c", title: "C", explanation: "", confirmedBy: ["q.never"] },
];

describe("hypotheses", () => {
  it("is all open before any evidence", () => {
    expect(hypotheses(causes, []).map((h) => [h.rootCauseId, h.state, h.decidedBy])).toEqual([
      ["a", "open", []],
      ["b", "open", []],
      ["c", "open", []],
    ]);
  });

  it("confirms on any confirmedBy code, rules out on any ruledOutBy code, across steps; notes count for nothing", () => {
    const h = hypotheses(causes, [withCodes("x.two"), note, withCodes("x.one", "other")]);
    expect(h.map((x) => [x.rootCauseId, x.state, x.decidedBy])).toEqual([
      ["a", "confirmed", ["x.one", "x.two"]],
      ["b", "ruled-out", ["x.one"]],
      ["c", "open", []],
    ]);
  });

  it("lets confirmation win over ruling out", () => {
    const h = hypotheses(causes, [withCodes("z.yes", "x.one")]);
    expect(h[1]).toMatchObject({ state: "confirmed", decidedBy: ["z.yes"] });
  });

  it("confirms the keys-blocking job cause from a slowlog finding", () => {
    const pb = getPlaybook("keys-blocking")!;
    const h = hypotheses(pb.rootCauses, [withCodes("slowlog.keys-command")]);
    expect(h.find((x) => x.rootCauseId === "job-uses-keys")).toMatchObject({ state: "confirmed" });
  });

  it("gives every playbook one hypothesis per root cause", () => {
    for (const p of PLAYBOOKS) expect(hypotheses(p.rootCauses, []).map((h) => h.rootCauseId)).toEqual(p.rootCauses.map((r) => r.id));
  });
});

describe("stepCondition", () => {
  it("applies without a when, and otherwise only when an earlier finding matches", () => {
    expect(stepCondition(undefined, [])).toEqual({ applies: true, metBy: [] });
    expect(stepCondition({ anyOf: ["a", "b"] }, [withCodes("c")])).toEqual({ applies: false, metBy: [] });
    expect(stepCondition({ anyOf: ["a", "b"] }, [withCodes("b")])).toEqual({ applies: true, metBy: ["b"] });
  });
});

describe("findingCodesOf / recordsOfStep", () => {
  it("collects codes and orders a step's records latest first", () => {
    expect([...findingCodesOf([withCodes("a", "b"), withCodes("a")])]).toEqual(["a", "b"]);
    const recs = [
      { id: 1, stepId: "s", at: "2026-01-01T00:00:00.000Z" },
      { id: 2, stepId: "t", at: "2026-01-01T00:00:01.000Z" },
      { id: 3, stepId: "s", at: "2026-01-01T00:00:02.000Z" },
    ];
    expect(recordsOfStep(recs, "s").map((r) => r.id)).toEqual([3, 1]);
  });
});
