// Parser for CLUSTER NODES output: one node per line with address, flags, replication link and slot ownership.
import { inputText, neverThrow, parseNumber, splitHostPort, splitLines } from "./reply";

export interface ClusterNode {
  id: string;
  /** Empty when the node has no known address (`:0@0`, flag `noaddr`) or has not learnt its own IP yet (`:30001@40001`). */
  host: string;
  port: number;
  busPort: number;
  /** `cluster-announce-hostname`, shown after a comma since Redis 7.0; empty when not set. */
  hostname: string;
  flags: string[];
  myself: boolean;
  role: "master" | "replica" | "unknown";
  /** `pfail` is one node's suspicion (`fail?`); `fail` is the majority's verdict. */
  failing: "fail" | "pfail" | null;
  masterId: string | null;
  pingSent: number;
  pongRecv: number;
  configEpoch: number;
  linkState: "connected" | "disconnected";
  /** Inclusive ranges. */
  slots: Array<[number, number]>;
  /** Only the node doing the migration (the `myself` line) shows these. */
  migrating: Array<{ slot: number; to: string }>;
  importing: Array<{ slot: number; from: string }>;
}

const MAX_SLOT = 16383;

function slotNumber(text: string): number | undefined {
  if (!/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return n <= MAX_SLOT ? n : undefined;
}

function parseAddress(field: string): Pick<ClusterNode, "host" | "port" | "busPort" | "hostname"> {
  // `ip:port@cport[,hostname]`; later Redis versions may append `key=value` aux fields after more commas.
  const [addr = "", ...aux] = field.split(",");
  const hostname = aux.find((part) => part !== "" && !part.includes("=")) ?? "";
  const at = addr.indexOf("@");
  const hostPort = at < 0 ? addr : addr.slice(0, at);
  // Before Redis 4.0 there was no `@cport`: the bus port was implicitly port + 10000, but we do not guess.
  const busPort = at < 0 ? 0 : (parseNumber(addr.slice(at + 1)) ?? 0);
  const { host, port } = splitHostPort(hostPort);
  return { host, port, busPort, hostname };
}

function addSlotToken(node: ClusterNode, token: string): void {
  const bracket = /^\[(\d+)-([<>])-([^\]]*)\]$/.exec(token);
  if (bracket) {
    const slot = slotNumber(bracket[1]);
    if (slot === undefined || !bracket[3]) return;
    if (bracket[2] === ">") node.migrating.push({ slot, to: bracket[3] });
    else node.importing.push({ slot, from: bracket[3] });
    return;
  }
  const dash = token.indexOf("-");
  const start = slotNumber(dash < 0 ? token : token.slice(0, dash));
  const end = dash < 0 ? start : slotNumber(token.slice(dash + 1));
  if (start !== undefined && end !== undefined && start <= end) node.slots.push([start, end]);
}

function parseLine(line: string): ClusterNode | undefined {
  const parts = line.trim().split(/\s+/);
  if (parts.length < 8) return undefined;
  const [id, address, flagField, master, ping, pong, epoch, link, ...slotTokens] = parts;
  if (!id) return undefined;
  const flags = flagField.split(",").filter(Boolean);
  const node: ClusterNode = {
    id,
    ...parseAddress(address),
    flags,
    myself: flags.includes("myself"),
    role: flags.includes("master") ? "master" : flags.includes("slave") || flags.includes("replica") ? "replica" : "unknown",
    failing: flags.includes("fail") ? "fail" : flags.includes("fail?") ? "pfail" : null,
    masterId: master === "-" || master === "" ? null : master,
    pingSent: parseNumber(ping) ?? 0,
    pongRecv: parseNumber(pong) ?? 0,
    configEpoch: parseNumber(epoch) ?? 0,
    linkState: link === "connected" ? "connected" : "disconnected",
    slots: [],
    migrating: [],
    importing: [],
  };
  for (const token of slotTokens) addSlotToken(node, token);
  return node;
}

export function parseClusterNodes(text: unknown): ClusterNode[] {
  return neverThrow(
    () => [],
    () => {
      const nodes: ClusterNode[] = [];
      for (const line of splitLines(inputText(text))) {
        const node = parseLine(line);
        if (node) nodes.push(node);
      }
      return nodes;
    },
  );
}

/** Slots the node owns; a slot being migrated away still counts until the migration finishes. */
export function slotCount(node: ClusterNode): number {
  return neverThrow(
    () => 0,
    () => {
      let count = 0;
      for (const [start, end] of node.slots) count += end - start + 1;
      return count;
    },
  );
}
