// Who owns which slots, as each cluster node itself sees it. A split brain is two views that
// disagree: the isolated node still lists itself as master of its slots while the majority lists
// the promoted replica. Also: hash tags that land in a given node's slots, so a plain client can
// write "its" keys straight to that node.
import "server-only";
import { parseClusterNodes, type ClusterNode } from "@/lib/parse/cluster-nodes";
import { labCommand, withLabClient, type LabEndpoint } from "../../lab-client";

export type SlotRanges = Array<[number, number]>;

export async function clusterView(endpoint: LabEndpoint): Promise<ClusterNode[]> {
  return parseClusterNodes(await labCommand(endpoint, ["CLUSTER", "NODES"], { connectTimeoutMs: 1_000, commandTimeoutMs: 2_000 }));
}

export function myself(view: ClusterNode[]): ClusterNode | undefined {
  return view.find((n) => n.myself);
}

/** The node a view says is master of `slot` (not counting ones it flags as failed). */
export function claimedOwner(view: ClusterNode[], slot: number): ClusterNode | undefined {
  return view.find((n) => n.role === "master" && n.failing !== "fail" && n.slots.some(([a, b]) => slot >= a && slot <= b));
}

export function inRanges(slot: number, ranges: SlotRanges): boolean {
  return ranges.some(([a, b]) => slot >= a && slot <= b);
}

/** `count` hash tags ("{t17}"…) whose slot is in `ranges`, asked of the server (CLUSTER KEYSLOT). */
export async function hashTagsInSlots(endpoint: LabEndpoint, ranges: SlotRanges, count: number): Promise<string[]> {
  const tags: string[] = [];
  await withLabClient(endpoint, async (c) => {
    for (let batch = 0; tags.length < count && batch < 50; batch++) {
      const candidates = Array.from({ length: 64 }, (_, i) => `{t${batch * 64 + i}}`);
      const pipeline = c.pipeline();
      for (const tag of candidates) pipeline.call("CLUSTER", "KEYSLOT", tag);
      const slots = ((await pipeline.exec()) ?? []).map(([err, slot]) => (err ? -1 : Number(slot)));
      candidates.forEach((tag, i) => {
        if (tags.length < count && inRanges(slots[i], ranges)) tags.push(tag);
      });
    }
  });
  if (tags.length < count) throw new Error(`hashTagsInSlots: found ${tags.length}/${count} tags in ${JSON.stringify(ranges)}`);
  return tags;
}
