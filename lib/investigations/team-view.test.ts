import { describe, expect, it } from "vitest";
import { RULES } from "@/lib/metrics/rules";
import type { Investigation } from "./types";
import { teamView, weekStart, type TeamInputs } from "./team-view";

const NOW = Date.parse("2026-11-25T12:00:00Z"); // a Wednesday
const inv = (id: string, instanceId: string, playbookId: string, status: Investigation["status"], daysAgo: number): Investigation => ({
  id,
  instanceId,
  playbookId,
  status,
  rootCauseId: null,
  title: `${playbookId} on ${instanceId}`,
  createdAt: new Date(NOW - daysAgo * 86_400_000).toISOString(),
  updatedAt: new Date(NOW - daysAgo * 86_400_000).toISOString(),
  createdBy: "alice",
});
const slowRule = RULES.find((r) => r.alert !== false && (r.op === ">" || r.op === ">=") && r.threshold > 0)!;

const inputs: TeamInputs = {
  now: NOW,
  instances: [
    { id: "a", name: "cache-a", address: "10.0.0.1:6379", ruleOverrides: {} },
    { id: "b", name: "cache-b", address: "10.0.0.2:6379", ruleOverrides: { [slowRule.id]: slowRule.threshold * 20 } },
  ],
  investigations: [inv("1", "a", "bigkey", "open", 1), inv("2", "a", "bigkey", "resolved", 9), inv("3", "b", "keys-blocking", "mitigated", 2), inv("4", "b", "lua-busy", "resolved", 400)],
  playbooks: {
    bigkey: { title: "Big key", configChecks: [{ setting: "lazyfree-lazy-user-del", recommended: "yes", why: "DEL blocks" }] },
    "keys-blocking": { title: "KEYS", configChecks: [] },
    "lua-busy": { title: "Lua", configChecks: [{ setting: "lazyfree-lazy-user-del", recommended: "yes", why: "DEL blocks" }] },
  },
  configAudits: [
    { instanceId: "a", at: "2026-11-20T00:00:00Z", rows: [{ name: "lazyfree-lazy-user-del", current: "yes", recommended: "yes", status: "ok" }] },
    { instanceId: "a", at: "2026-11-24T00:00:00Z", rows: [{ name: "lazyfree-lazy-user-del", current: "no", recommended: "yes", status: "warn" }] },
  ],
  actionItems: { "2": [{ id: "a1", type: "prevent", text: "Split the hash", owner: "bob", due: "", done: false }, { id: "a2", type: "mitigate", text: "UNLINK", owner: "", due: "", done: true }] },
  sampling: { enabled: true, instanceIds: ["a"] },
  webhookConfigured: true,
  rules: RULES,
};

describe("team view", () => {
  const v = teamView(inputs);

  it("lists open and mitigated investigations, oldest first, with their age", () => {
    expect(v.openInvestigations.map((o) => [o.id, o.instance?.name, o.ageMs])).toEqual([
      ["3", "cache-b", 2 * 86_400_000],
      ["1", "cache-a", 86_400_000],
    ]);
  });

  it("counts incidents by playbook in the last 12 weeks, Monday-based", () => {
    expect(weekStart(NOW)).toBe("2026-11-23");
    expect(v.weeks).toHaveLength(12);
    expect(v.weeks.at(-1)).toEqual({ week: "2026-11-23", counts: { bigkey: 1, "keys-blocking": 1 }, total: 2 });
    expect(v.weeks.at(-2)).toEqual({ week: "2026-11-16", counts: { bigkey: 1 }, total: 1 });
    expect(v.weeks.reduce((s, w) => s + w.total, 0)).toBe(3);
  });

  it("reports failing prevention config checks from the latest audit and action items not done", () => {
    const a = v.prevention.find((p) => p.instance.id === "a")!;
    expect(a.auditedAt).toBe("2026-11-24T00:00:00Z");
    expect(a.failingChecks).toEqual([{ setting: "lazyfree-lazy-user-del", current: "no", recommended: "yes", why: "DEL blocks", playbooks: ["bigkey", "lua-busy"] }]);
    expect(a.openItems.map((o) => o.item.text)).toEqual(["Split the hash"]);
    expect(v.prevention.find((p) => p.instance.id === "b")).toMatchObject({ auditedAt: null, failingChecks: [], openItems: [] });
  });

  it("says which instances have no or partial alerting coverage, and why", () => {
    expect(v.coverage.find((c) => c.instance.id === "a")).toEqual({ instance: expect.anything(), level: "covered", reasons: [] });
    const b = v.coverage.find((c) => c.instance.id === "b")!;
    expect(b.level).toBe("none");
    expect(b.reasons.join(" ")).toContain("not sampling");
    expect(b.reasons.join(" ")).toContain(slowRule.id);
    const noHook = teamView({ ...inputs, webhookConfigured: false });
    expect(noHook.coverage.find((c) => c.instance.id === "a")!.level).toBe("partial");
  });
});
