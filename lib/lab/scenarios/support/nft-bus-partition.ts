// Cuts one Redis Cluster node off the cluster bus with an nftables table of our own, while its
// clients (data port) still reach it: the network half of a split brain.
//
// On loopback every bus link is 127.0.0.1:random → 127.0.0.1:<bus port>, so "drop the node's bus
// port" is not enough. Links TO the node: dport/sport = its bus port. Links FROM the node go to
// the others' bus ports from random ports, like the others' links among themselves; those are cut
// by their exact port pairs (read from /proc), and new bus connections (SYN to any of our nodes'
// bus ports) are refused so the node cannot simply reconnect; the majority's links among
// themselves are already established and keep working. The replication links of the node's
// replicas are cut by port pair as well, so writes it accepts in the partition reach nobody.
// Rules only ever name 127.0.0.1 ports of the lab's own processes.
import "server-only";
import { randomBytes } from "node:crypto";
import { CLUSTER_BUS_OFFSET } from "../../ports";
import { onProcessExit } from "./exit-cleanup";
import { isRoot, runSystemCommand, runSystemCommandSync } from "./system-command";
import { establishedConnectionsOf } from "./tcp-connections";

const NFT = process.env.REDLINE_NFT ?? "nft";
export const NFT_TABLE_PREFIX = "redline_lab_";

export interface LabNode {
  port: number;
  pid: number;
}

export interface BusPartitionTarget {
  isolated: LabNode;
  /** Every other node of the cluster. */
  others: LabNode[];
  /** Replicas of the isolated node: their replication link to it is cut too. */
  replicasOfIsolated: LabNode[];
}

export interface BusPartition {
  /** `inet <name>` in `nft list tables`. */
  table: string;
  /** The rules as installed, for notes. */
  rules: string[];
  /** Deletes the table: the network is whole again. Idempotent. */
  heal(): Promise<void>;
}

/** null when nftables can be used here; otherwise why not. Creates and deletes a probe table. */
export async function nftUnavailableReason(): Promise<string | null> {
  if (!isRoot()) return "needs root to install nftables rules that partition the cluster bus";
  const probe = `${NFT_TABLE_PREFIX}probe_${randomBytes(4).toString("hex")}`;
  try {
    await runSystemCommand(NFT, ["add", "table", "inet", probe]);
  } catch (err) {
    const missing = /ENOENT/.test((err as Error).message);
    return missing ? "nft not found (Debian: apt-get install -y nftables)" : `nftables unusable: ${(err as Error).message}`;
  }
  await runSystemCommand(NFT, ["delete", "table", "inet", probe]).catch(() => {});
  return null;
}

export async function partitionClusterBus(target: BusPartitionTarget): Promise<BusPartition> {
  const table = `${NFT_TABLE_PREFIX}${randomBytes(4).toString("hex")}`;
  const bus = target.isolated.port + CLUSTER_BUS_OFFSET;
  const otherBuses = target.others.map((n) => n.port + CLUSTER_BUS_OFFSET);
  const lo = "ip saddr 127.0.0.1 ip daddr 127.0.0.1";
  // Port-level rules first: from here on no link can be (re)created, so the pairs read below
  // are all the isolated node's links that remain to be cut.
  const rules = [
    `${lo} tcp dport ${bus} drop`,
    `${lo} tcp sport ${bus} drop`,
    `${lo} tcp dport { ${otherBuses.join(", ")} } tcp flags & (fin | syn | rst | ack) == syn drop`,
  ];
  const forget = onProcessExit(() => void runSystemCommandSync(NFT, ["delete", "table", "inet", table]));
  let healing: Promise<void> | undefined;
  const heal = () =>
    (healing ??= (async () => {
      await runSystemCommand(NFT, ["delete", "table", "inet", table]).catch((err: Error) => {
        if (!/No such file or directory/.test(err.message)) throw err;
      });
      forget();
    })());
  try {
    const script = [
      `table inet ${table} {`,
      "  chain input {",
      "    type filter hook input priority filter; policy accept;",
      ...rules.map((r) => `    ${r}`),
      "  }",
      "}",
    ].join("\n");
    await runSystemCommand(NFT, ["-f", "-"], { input: script + "\n" });
    const pairs = await linksToCut(target, new Set(otherBuses));
    const pairRules = pairs.flatMap(([a, b]) => [`${lo} tcp sport ${a} tcp dport ${b} drop`, `${lo} tcp sport ${b} tcp dport ${a} drop`]);
    if (pairRules.length > 0) {
      await runSystemCommand(NFT, ["-f", "-"], { input: pairRules.map((r) => `add rule inet ${table} input ${r}`).join("\n") + "\n" });
      rules.push(...pairRules);
    }
  } catch (err) {
    await heal().catch(() => {});
    throw err;
  }
  return { table, rules, heal };
}

/** [local port, peer port] of the isolated node's outgoing bus links and its replicas' replication links. */
async function linksToCut(target: BusPartitionTarget, otherBuses: Set<number>): Promise<Array<[number, number]>> {
  const loopback = (c: { localAddress: string; peerAddress: string }) => c.localAddress === "127.0.0.1" && c.peerAddress === "127.0.0.1";
  const outgoing = (await establishedConnectionsOf(target.isolated.pid)).filter((c) => loopback(c) && otherBuses.has(c.peerPort));
  const replication = (
    await Promise.all(target.replicasOfIsolated.map((r) => establishedConnectionsOf(r.pid)))
  ).flat().filter((c) => loopback(c) && c.peerPort === target.isolated.port);
  return [...outgoing, ...replication].map((c) => [c.localPort, c.peerPort]);
}

/** Tables this module may have left (e.g. after a SIGKILL of Node), for tests and doctor checks. */
export async function labNftTables(): Promise<string[]> {
  const out = await runSystemCommand(NFT, ["list", "tables"]).catch(() => "");
  return out.split("\n").flatMap((l) => /^table inet (\S+)/.exec(l.trim())?.slice(1) ?? []).filter((t) => t.startsWith(NFT_TABLE_PREFIX));
}
