import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseClusterNodes } from "@/lib/parse/cluster-nodes";
import { parseKeyValueLines } from "@/lib/parse/info";
import { clusterFindings } from "./cluster-findings";
import { CLUSTER_SLOTS, compareClusterViews, type ClusterView } from "./cluster-views";

const fixture = (name: string) => readFileSync(new URL(`../parse/__fixtures__/${name}`, import.meta.url), "utf8");
const OK_INFO = parseKeyValueLines(fixture("cluster-info.txt"));
const FAIL_INFO = parseKeyValueLines(fixture("cluster-info-fail.txt"));
const ids = parseClusterNodes(fixture("cluster-nodes.txt")).map((n) => ({ id: n.id, address: `${n.host}:${n.port}` }));
const addressOf = (id: string) => ids.find((n) => n.id === id)!.address;
const idAt = (port: number) => ids.find((n) => n.address.endsWith(`:${port}`))!.id;

/** The same CLUSTER NODES text as another node would print it: `myself` moves to that node's line. */
function asSeenBy(text: string, id: string): string {
  return text
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const parts = line.split(" ");
      const flags = parts[2]!.split(",").filter((f) => f !== "myself");
      if (parts[0] === id) flags.unshift("myself");
      parts[2] = flags.join(",");
      return parts.join(" ");
    })
    .join("\n");
}

function view(text: string, id: string, info = OK_INFO): ClusterView {
  return { observer: addressOf(id), info, nodes: parseClusterNodes(asSeenBy(text, id)) };
}

describe("compareClusterViews on a healthy cluster seen from all six nodes", () => {
  const text = fixture("cluster-nodes.txt");
  const cmp = compareClusterViews(ids.map((n) => view(text, n.id)));

  it("finds three agreed slot ranges covering every slot", () => {
    expect(cmp.slotRanges.map((r) => [r.start, r.end, r.agreed, r.owners])).toEqual([
      [0, 5460, true, 1],
      [5461, 10922, true, 1],
      [10923, 16383, true, 1],
    ]);
    expect(cmp.slotRanges.reduce((s, r) => s + r.slots, 0)).toBe(CLUSTER_SLOTS);
    expect(cmp.slotRanges[0]).toMatchObject({ owner: idAt(27111), ownerAddress: "127.0.0.1:27111" });
    expect(cmp.slotRanges[0]!.claims).toMatch(/all 6 views/);
  });

  it("lists every node with role, epoch and who sees it, and raises nothing", () => {
    expect(cmp.summary).toMatchObject({ observers: 6, nodes: 6, masters: 3, replicas: 3, conflictSlots: 0, disputedSlots: 0, unassignedSlots: 0, nodeSetAgrees: true });
    expect(cmp.nodes.find((n) => n.id === idAt(27113))).toMatchObject({ role: "master", configEpoch: 3, epochsSeen: "3", slots: 5461, seenBy: 6, pfailBy: 0, failBy: 0 });
    expect(cmp.nodes.find((n) => n.id === idAt(27115))).toMatchObject({ role: "replica", masterId: idAt(27113), slots: 0 });
    expect(cmp.observers.map((o) => o.state)).toEqual(Array(6).fill("ok"));
    expect(clusterFindings(cmp)).toEqual([]);
    expect(JSON.parse(JSON.stringify(cmp))).toEqual(cmp);
  });
});

describe("split brain after a failover", () => {
  // Five nodes saw 27115 take over 10923-16383 with epoch 7; the old master 27113, cut off, still owns them.
  const after = fixture("cluster-nodes-failover.txt");
  const before = fixture("cluster-nodes.txt");
  const views = ids.filter((n) => n.id !== idAt(27113)).map((n) => view(after, n.id));
  views.push(view(before, idAt(27113)));
  const cmp = compareClusterViews(views);

  it("reports the range claimed by two masters as a conflict, with who says what", () => {
    expect(cmp.conflicts).toHaveLength(1);
    expect(cmp.conflicts[0]).toMatchObject({ start: 10923, end: 16383, owners: 2, agreed: false, owner: null });
    expect(cmp.conflicts[0]!.claims).toContain("127.0.0.1:27115");
    expect(cmp.conflicts[0]!.claims).toContain("(127.0.0.1:27113)");
    expect(cmp.nodes.find((n) => n.id === idAt(27115))).toMatchObject({ role: "master", epochsSeen: "3, 7", configEpoch: 7 });
  });

  it("raises cluster.slot-conflict (critical) and the FAIL flag on the old master", () => {
    const findings = clusterFindings(cmp);
    expect(findings.find((f) => f.code === "cluster.slot-conflict")).toMatchObject({ severity: "critical", evidence: { slots: 5461, firstRange: "10923-16383" } });
    expect(findings.find((f) => f.code === "cluster.node-failed")).toMatchObject({ severity: "critical", evidence: { node: "127.0.0.1:27113", observers: 5 } });
  });
});

describe("failure flags and state", () => {
  it("PFAIL in one view is a suspicion (warning)", () => {
    const views = [view(fixture("cluster-nodes-pfail.txt"), idAt(27111)), view(fixture("cluster-nodes.txt"), idAt(27112))];
    const findings = clusterFindings(compareClusterViews(views));
    expect(findings.map((f) => [f.code, f.severity])).toEqual([["cluster.node-suspected", "warning"]]);
    expect(findings[0]!.evidence).toMatchObject({ nodes: 1, node: "127.0.0.1:27113", observers: 1 });
  });

  it("cluster_state:fail on a node is cluster.state-fail (critical) naming that node", () => {
    const views = [view(fixture("cluster-nodes-fail.txt"), idAt(27111), FAIL_INFO)];
    const findings = clusterFindings(compareClusterViews(views));
    expect(findings.find((f) => f.code === "cluster.state-fail")).toMatchObject({ severity: "critical", evidence: { node: "127.0.0.1:27111", slotsFail: 5461 } });
    expect(findings.find((f) => f.code === "cluster.node-failed")).toBeDefined();
    expect(findings.find((f) => f.code === "cluster.node-suspected")).toBeUndefined();
  });
});

describe("views that disagree without a conflict", () => {
  it("a node another view does not know, and slots unassigned in one view only", () => {
    const full = fixture("cluster-nodes.txt");
    const partialText = asSeenBy(full, idAt(27112))
      .split("\n")
      .filter((l) => !l.startsWith(idAt(27116)))
      .map((l) => (l.startsWith(idAt(27113)) ? l.replace(" 10923-16383", "") : l))
      .join("\n");
    const views = [view(full, idAt(27111)), { observer: "127.0.0.1:27112", info: OK_INFO, nodes: parseClusterNodes(partialText) }];
    const cmp = compareClusterViews(views);
    expect(cmp.summary).toMatchObject({ conflictSlots: 0, disputedSlots: 5461, nodeSetAgrees: false });
    expect(cmp.observers.find((o) => o.observer === "127.0.0.1:27112")!.missing).toBe(`${idAt(27116).slice(0, 8)}…`);
    expect(cmp.slotRanges.find((r) => r.start === 10923)!.claims).toMatch(/unassigned \(127\.0\.0\.1:27112\)/);
    const [f] = clusterFindings(cmp);
    expect(f).toMatchObject({ code: "cluster.views-disagree", severity: "warning", evidence: { observersMissingNodes: 1, slotsAssignedInSomeViewsOnly: 5461 } });
  });

  it("leaves handshake nodes out of the node set", () => {
    const cmp = compareClusterViews([view(fixture("cluster-nodes-handshake.txt"), idAt(27111))]);
    expect(cmp.nodes.some((n) => n.id.startsWith("aa2029"))).toBe(false);
    expect(cmp.observers[0]!.nodesSeen).toBe(6);
  });

  it("handles a node that has no slots and no views at all", () => {
    const fresh = compareClusterViews([{ observer: "127.0.0.1:27117", info: {}, nodes: parseClusterNodes(fixture("cluster-nodes-fresh.txt")) }]);
    expect(fresh.slotRanges).toEqual([expect.objectContaining({ start: 0, end: 16383, owner: null, agreed: true, unassignedIn: 1 })]);
    expect(fresh.summary.unassignedSlots).toBe(CLUSTER_SLOTS);
    expect(compareClusterViews([]).slotRanges).toEqual([]);
  });
});

describe("after the partition healed", () => {
  // The views agree again: 27113, the old master, rejoined as a replica of 27115 (epoch 7). It learnt
  // that its slots had moved from UPDATE messages (cluster_stats_messages_update_received).
  const healed = fixture("cluster-nodes-failover.txt").replace(
    /^(92e9941a\S+ \S+) master,fail - \d+ (\d+) 3 disconnected$/m,
    "$1 slave 86b50b32deaca86bed22a43a7db06455e295ec7c 0 $2 7 connected",
  );
  const views = (demotedUptime: number) =>
    ids.map((n) => ({
      ...view(healed, n.id, n.id === idAt(27113) ? { ...OK_INFO, cluster_stats_messages_update_received: "2" } : OK_INFO),
      uptimeSeconds: n.id === idAt(27113) ? demotedUptime : 86_400,
    }));

  it("a master demoted without restarting is the partition's trace", () => {
    const cmp = compareClusterViews(views(86_390));
    expect(cmp.summary).toMatchObject({ conflictSlots: 0, nodeSetAgrees: true });
    expect(clusterFindings(cmp)).toEqual([
      expect.objectContaining({ code: "cluster.master-demoted", severity: "warning", evidence: expect.objectContaining({ node: "127.0.0.1:27113", updatesReceived: 2 }) }),
    ]);
  });

  it("one that crashed and came back (a fresh uptime) is an ordinary failover: no finding", () => {
    expect(clusterFindings(compareClusterViews(views(40)))).toEqual([]);
  });
});
