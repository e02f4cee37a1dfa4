// After the scan, the encoding of each key that will be shown (OBJECT ENCODING, O(1)): a 500k-field
// hash in `hashtable` and a 100-field one in `listpack` call for different fixes. One pipeline per
// node for at most a few hundred keys; a failure only leaves the column empty.
import "server-only";
import type { TopologyNode } from "@/lib/redis/topology";
import type { ProbeContext } from "../context";
import type { CommandRecord } from "../types";
import type { BigkeyCollector } from "./collector";
import type { CommandTally } from "./command-tally";

export async function addEncodings(ctx: ProbeContext, tally: CommandTally, collector: BigkeyCollector, nodes: TopologyNode[]): Promise<void> {
  const entries = collector.shownEntries();
  await Promise.all(
    nodes.map(async (node) => {
      const mine = entries.filter((e) => e.node === node.address);
      if (mine.length === 0) return;
      const log: CommandRecord[] = [];
      try {
        const replies = await ctx.runner(node, { log }).pipeline(mine.map((e) => ["OBJECT", "ENCODING", e.raw]));
        replies.forEach(([err, value], i) => {
          if (!err && value !== null && value !== undefined) mine[i]!.encoding = String(value);
        });
      } catch {
        // Cancelled, timed out or OBJECT denied: the rows stand without encodings.
      } finally {
        tally.add(log);
      }
    }),
  );
}
