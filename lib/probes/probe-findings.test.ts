import { describe, expect, it } from "vitest";
import { RULES } from "@/lib/metrics/rules";
import { parseInfo } from "@/lib/parse/info";
import type { Finding } from "./finding";
import { atNode, infoSignals, mergeByCode, ruleById, ruleFindings } from "./probe-findings";

describe("rule findings", () => {
  it("reads thresholds from the rule table, the most severe rule per code", () => {
    const critical = RULES.find((r) => r.id === "clients-critical")!;
    const signals = infoSignals(parseInfo("connected_clients:99\r\nmaxclients:100\r\n"));
    const findings = ruleFindings(["clients.near-maxclients"], signals, { extra: 1 });
    expect(findings).toMatchObject([{ code: "clients.near-maxclients", severity: critical.severity, evidence: { threshold: critical.threshold, extra: 1 } }]);
    expect(ruleFindings(["clients.rejected"], signals)).toEqual([]);
  });

  it("takes maxclients from CONFIG when INFO has none", () => {
    const signals = infoSignals(parseInfo("connected_clients:90\r\n"), { maxclients: "100" });
    expect(ruleFindings(["clients.near-maxclients"], signals)[0]!.severity).toBe("warning");
  });

  it("fails loudly on an unknown rule id", () => {
    expect(() => ruleById("no-such-rule")).toThrow(/no-such-rule/);
  });
});

describe("mergeByCode", () => {
  const f = (code: string, severity: Finding["severity"], node: string): Finding => ({ code, severity, message: `${code} on ${node}`, evidence: { node } });

  it("keeps one finding per code, the most severe, naming every node", () => {
    const merged = mergeByCode([...atNode([f("a", "info", "x")], "n1"), f("a", "critical", "n2"), f("a", "info", "n3"), f("b", "warning", "n1")]);
    expect(merged).toEqual([
      { code: "a", severity: "critical", message: "a on n2", evidence: { node: "n1, n2, n3", nodes: 3 } },
      { code: "b", severity: "warning", message: "b on n1", evidence: { node: "n1" } },
    ]);
  });
});
