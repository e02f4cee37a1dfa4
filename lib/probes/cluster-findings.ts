// Pure: the findings a comparison of cluster views implies. Severities of the codes that are rules
// (state-fail, node-suspected, node-failed) come from the rule table.
import type { ClusterComparison } from "./cluster-views";
import type { Finding } from "./finding";
import { mergeByCode, ruleById, ruleFindings } from "./probe-findings";

const list = (items: string[], max = 5) => (items.length > max ? `${items.slice(0, max).join(", ")} (+${items.length - max})` : items.join(", "));

export function clusterFindings(cmp: ClusterComparison): Finding[] {
  const findings: Finding[] = [];
  const { summary } = cmp;

  if (cmp.conflicts.length > 0) {
    const first = cmp.conflicts[0]!;
    findings.push({
      code: "cluster.slot-conflict",
      severity: "critical",
      message: `${summary.conflictSlots} slot(s) have different owners in different nodes' views: clients are sent to different masters (split brain)`,
      evidence: { slots: summary.conflictSlots, ranges: cmp.conflicts.length, firstRange: `${first.start}-${first.end}`, claims: first.claims },
    });
  }

  // After a partition heals the views agree again; the demoted master keeps the trace. One that has
  // run as long as its peers was cut off, not restarted: it kept its slots, and served them.
  const uptimes = cmp.observers.map((o) => o.uptimeSeconds).filter((u): u is number => u !== null);
  const peerUptime = uptimes.length ? Math.max(...uptimes) : null;
  const demoted = cmp.observers.filter(
    (o) => o.myRole === "replica" && (o.updatesReceived ?? 0) > 0 && o.uptimeSeconds !== null && peerUptime !== null && o.uptimeSeconds >= 0.9 * peerUptime,
  );
  if (demoted.length > 0) {
    findings.push({
      code: "cluster.master-demoted",
      severity: "warning",
      message: `${list(demoted.map((o) => o.observer))} claimed slots that had moved to a newer master (UPDATE messages) and became a replica without restarting: it was failed over while cut off, and writes it took meanwhile are gone`,
      evidence: { nodes: demoted.length, node: demoted[0]!.observer, updatesReceived: demoted[0]!.updatesReceived ?? 0, uptimeSeconds: demoted[0]!.uptimeSeconds ?? 0 },
    });
  }

  const missing = cmp.observers.filter((o) => o.missing !== "");
  const onlyDisputed = summary.disputedSlots - summary.conflictSlots;
  if (missing.length > 0 || onlyDisputed > 0) {
    const evidence: Finding["evidence"] = { observersMissingNodes: missing.length, slotsAssignedInSomeViewsOnly: onlyDisputed };
    if (missing[0]) evidence.example = `${missing[0].observer} does not know ${missing[0].missing}`;
    findings.push({
      code: "cluster.views-disagree",
      severity: "warning",
      message: "Nodes disagree about the cluster: " + [missing.length ? `${missing.length} node(s) do not know every node` : "", onlyDisputed ? `${onlyDisputed} slot(s) are assigned in some views only` : ""].filter(Boolean).join("; "),
      evidence,
    });
  }

  for (const [code, ruleId, pick, word] of [
    ["cluster.node-failed", "cluster-slots-fail", (n: ClusterComparison["nodes"][number]) => n.failBy, "marked FAIL"],
    ["cluster.node-suspected", "cluster-slots-pfail", (n: ClusterComparison["nodes"][number]) => n.pfailBy, "suspected (PFAIL)"],
  ] as const) {
    const nodes = cmp.nodes.filter((n) => pick(n) > 0 && (code === "cluster.node-failed" || n.failBy === 0));
    if (nodes.length === 0) continue;
    findings.push({
      code,
      severity: ruleById(ruleId).severity,
      message: `${nodes.length} node(s) ${word} by other nodes: ${list(nodes.map((n) => `${n.address || n.id} (${n.role}, by ${pick(n)})`))}`,
      evidence: { nodes: nodes.length, node: list(nodes.map((n) => n.address || n.id)), observers: Math.max(...nodes.map(pick)) },
    });
  }

  const stateRule = ruleById("cluster-state");
  for (const o of cmp.observers) {
    if (o.state === null) continue;
    const signals = { [stateRule.signal]: o.state === "ok" ? 0 : 1 };
    const evidence: Finding["evidence"] = { node: o.observer };
    if (o.slotsOk !== null) evidence.slotsOk = o.slotsOk;
    if (o.slotsFail !== null) evidence.slotsFail = o.slotsFail;
    findings.push(...ruleFindings([stateRule.findingCode], signals, evidence));
  }
  return mergeByCode(findings);
}
