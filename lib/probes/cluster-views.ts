// Pure comparison of the cluster as every node sees it (CORRECTIONS #5: split views are found by
// comparing CLUSTER NODES from every node): who owns each slot range in each view, conflicting
// owners, nodes some views do not know, and failure flags.
import type { ClusterNode } from "@/lib/parse/cluster-nodes";

export const CLUSTER_SLOTS = 16_384;

export interface ClusterView {
  /** The address that was asked. */
  observer: string;
  /** CLUSTER INFO as key/value pairs. */
  info: Record<string, string>;
  nodes: ClusterNode[];
  /** INFO server's uptime_in_seconds; null when INFO is not available. */
  uptimeSeconds?: number | null;
}

export interface SlotRangeRow {
  start: number;
  end: number;
  slots: number;
  /** The owner every view agrees on; null when unassigned everywhere or disputed. */
  owner: string | null;
  ownerAddress: string | null;
  agreed: boolean;
  /** Distinct node ids that own the range in at least one view: 2 or more is a conflict. */
  owners: number;
  /** Views in which nobody owns the range. */
  unassignedIn: number;
  /** Who owns it according to whom, e.g. `3f2a…@127.0.0.1:7002 (127.0.0.1:7000, 127.0.0.1:7001)`. */
  claims: string;
}

export interface ClusterNodeRow {
  id: string;
  address: string;
  /** From the node's own view when it answered, else what most views say. */
  role: ClusterNode["role"];
  masterId: string | null;
  configEpoch: number;
  /** Distinct config epochs across views, e.g. "3" or "3, 7" while a failover propagates. */
  epochsSeen: string;
  slots: number;
  seenBy: number;
  pfailBy: number;
  failBy: number;
  linkDownBy: number;
}

export interface ObserverRow {
  observer: string;
  id: string | null;
  state: string | null;
  slotsAssigned: number | null;
  slotsOk: number | null;
  slotsPfail: number | null;
  slotsFail: number | null;
  knownNodes: number | null;
  currentEpoch: number | null;
  myEpoch: number | null;
  /** master or replica, as the node sees itself. */
  myRole: "master" | "replica" | null;
  /**
   * UPDATE messages it received: the cluster told it that slots it still claimed had moved to a
   * master with a newer epoch. Only a master that missed its own failover (cut off or down) gets them.
   */
  updatesReceived: number | null;
  uptimeSeconds: number | null;
  /** Nodes in its CLUSTER NODES, handshakes left out. */
  nodesSeen: number;
  /** Node ids other views know and this one does not (comma-separated). */
  missing: string;
}

export interface ClusterComparison {
  summary: { observers: number; nodes: number; masters: number; replicas: number; conflictSlots: number; disputedSlots: number; unassignedSlots: number; nodeSetAgrees: boolean };
  slotRanges: SlotRangeRow[];
  conflicts: SlotRangeRow[];
  nodes: ClusterNodeRow[];
  observers: ObserverRow[];
}

const short = (id: string) => `${id.slice(0, 8)}…`;
const known = (views: ClusterView[]) => views.map((v) => v.nodes.filter((n) => !n.flags.includes("handshake")));
const infoNum = (info: Record<string, string>, key: string) => (Object.hasOwn(info, key) && info[key] !== "" && Number.isFinite(Number(info[key])) ? Number(info[key]) : null);

function addressOf(views: ClusterView[], id: string): string {
  const lines = views.flatMap((v) => v.nodes.filter((n) => n.id === id).map((n) => ({ n, observer: v.observer })));
  const own = lines.find((l) => l.n.myself);
  if (own) return own.observer;
  const withHost = lines.find((l) => l.n.host);
  return withHost ? `${withHost.n.host}:${withHost.n.port}` : "";
}

/** owner[view][slot] = index into `ids`, or -1. */
function slotOwners(views: ClusterView[], ids: string[]): Int32Array[] {
  const index = new Map<string, number>();
  const idOf = (id: string) => {
    if (!index.has(id)) index.set(id, ids.push(id) - 1);
    return index.get(id)!;
  };
  return known(views).map((nodes) => {
    const owner = new Int32Array(CLUSTER_SLOTS).fill(-1);
    for (const n of nodes) {
      if (n.role !== "master") continue;
      const id = idOf(n.id);
      for (const [start, end] of n.slots) for (let s = start; s <= end; s++) if (owner[s] === -1) owner[s] = id;
    }
    return owner;
  });
}

function slotRanges(views: ClusterView[]): SlotRangeRow[] {
  const ids: string[] = [];
  const owners = slotOwners(views, ids);
  const rows: SlotRangeRow[] = [];
  // Integer compares, not joined strings: the sampler runs this every few seconds per cluster.
  const sameOwners = (a: number, b: number) => owners.every((o) => o[a] === o[b]);
  let start = 0;
  for (let slot = 1; slot <= CLUSTER_SLOTS; slot++) {
    if (slot < CLUSTER_SLOTS && sameOwners(slot, start)) continue;
    const perView = owners.map((o) => o[start]!);
    const distinct = [...new Set(perView.filter((i) => i >= 0))];
    const agreed = perView.every((i) => i === perView[0]);
    const claims = distinct.map((i) => {
      const who = views.filter((_, v) => perView[v] === i).map((v) => v.observer);
      return `${short(ids[i]!)}@${addressOf(views, ids[i]!)} (${agreed ? `all ${who.length} views` : who.join(", ")})`;
    });
    const unassignedIn = perView.filter((i) => i < 0).length;
    if (unassignedIn > 0) claims.push(`unassigned (${agreed ? `all ${unassignedIn} views` : views.filter((_, v) => perView[v]! < 0).map((v) => v.observer).join(", ")})`);
    const owner = agreed && perView[0]! >= 0 ? ids[perView[0]!]! : null;
    rows.push({ start, end: slot - 1, slots: slot - start, owner, ownerAddress: owner ? addressOf(views, owner) : null, agreed, owners: distinct.length, unassignedIn, claims: claims.join("; ") });
    start = slot;
  }
  return rows;
}

function nodeRows(views: ClusterView[]): ClusterNodeRow[] {
  const byId = new Map<string, Array<{ n: ClusterNode }>>();
  for (const nodes of known(views)) for (const n of nodes) byId.set(n.id, [...(byId.get(n.id) ?? []), { n }]);
  return [...byId.entries()].map(([id, lines]) => {
    const own = lines.find((l) => l.n.myself)?.n;
    const count = (p: (n: ClusterNode) => boolean) => lines.filter((l) => p(l.n)).length;
    const majority = (["master", "replica", "unknown"] as const).reduce((best, r) => (count((n) => n.role === r) > count((n) => n.role === best) ? r : best));
    const ref = own ?? lines.find((l) => l.n.role === majority)!.n;
    const epochs = [...new Set(lines.map((l) => l.n.configEpoch))].sort((a, b) => a - b);
    return {
      id,
      address: addressOf(views, id),
      role: ref.role,
      masterId: ref.masterId,
      configEpoch: own?.configEpoch ?? Math.max(...epochs),
      epochsSeen: epochs.join(", "),
      slots: ref.slots.reduce((s, [a, b]) => s + b - a + 1, 0),
      seenBy: lines.length,
      pfailBy: count((n) => n.failing === "pfail"),
      failBy: count((n) => n.failing === "fail"),
      linkDownBy: count((n) => !n.myself && n.linkState === "disconnected"),
    };
  }).sort((a, b) => (a.role === b.role ? a.address.localeCompare(b.address) : a.role === "master" ? -1 : 1));
}

function roleOf(node: ClusterView["nodes"][number] | undefined): ObserverRow["myRole"] {
  if (!node) return null;
  return node.flags.includes("master") ? "master" : node.flags.includes("slave") ? "replica" : null;
}

function observerRows(views: ClusterView[]): ObserverRow[] {
  const sets = known(views).map((nodes) => new Set(nodes.map((n) => n.id)));
  const union = new Set(sets.flatMap((s) => [...s]));
  return views.map((v, i) => ({
    observer: v.observer,
    id: v.nodes.find((n) => n.myself)?.id ?? null,
    state: Object.hasOwn(v.info, "cluster_state") ? v.info.cluster_state! : null,
    slotsAssigned: infoNum(v.info, "cluster_slots_assigned"),
    slotsOk: infoNum(v.info, "cluster_slots_ok"),
    slotsPfail: infoNum(v.info, "cluster_slots_pfail"),
    slotsFail: infoNum(v.info, "cluster_slots_fail"),
    knownNodes: infoNum(v.info, "cluster_known_nodes"),
    currentEpoch: infoNum(v.info, "cluster_current_epoch"),
    myEpoch: infoNum(v.info, "cluster_my_epoch"),
    myRole: roleOf(v.nodes.find((n) => n.myself)),
    updatesReceived: infoNum(v.info, "cluster_stats_messages_update_received"),
    uptimeSeconds: v.uptimeSeconds ?? null,
    nodesSeen: sets[i]!.size,
    missing: [...union].filter((id) => !sets[i]!.has(id)).map(short).join(", "),
  }));
}

export function compareClusterViews(views: ClusterView[]): ClusterComparison {
  const ranges = views.length ? slotRanges(views) : [];
  const nodes = nodeRows(views);
  const observers = observerRows(views);
  const sum = (rows: SlotRangeRow[]) => rows.reduce((s, r) => s + r.slots, 0);
  const conflicts = ranges.filter((r) => r.owners >= 2);
  return {
    summary: {
      observers: views.length,
      nodes: nodes.length,
      masters: nodes.filter((n) => n.role === "master").length,
      replicas: nodes.filter((n) => n.role === "replica").length,
      conflictSlots: sum(conflicts),
      disputedSlots: sum(ranges.filter((r) => !r.agreed)),
      unassignedSlots: sum(ranges.filter((r) => r.agreed && r.owner === null)),
      nodeSetAgrees: observers.every((o) => o.missing === ""),
    },
    slotRanges: ranges,
    conflicts,
    nodes,
    observers,
  };
}
