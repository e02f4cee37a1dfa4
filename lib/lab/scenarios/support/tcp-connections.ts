// Which established TCP connections a process holds, from /proc (Linux): the lab needs the exact
// port pairs of one redis-server's links to cut them with nftables, and ports alone cannot tell
// its outgoing cluster-bus links from its neighbours' (all of them are 127.0.0.1:random → bus port).
import "server-only";
import fs from "node:fs/promises";

export interface TcpConnection {
  localAddress: string;
  localPort: number;
  peerAddress: string;
  peerPort: number;
}

const ESTABLISHED = "01";

/** IPv4 connections in ESTABLISHED state whose socket is open in `pid`. */
export async function establishedConnectionsOf(pid: number): Promise<TcpConnection[]> {
  const inodes = await socketInodes(pid);
  const table = await fs.readFile(`/proc/${pid}/net/tcp`, "utf8");
  const connections: TcpConnection[] = [];
  for (const line of table.split("\n").slice(1)) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 10 || cols[3] !== ESTABLISHED || !inodes.has(cols[9])) continue;
    const [localAddress, localPort] = decodeEndpoint(cols[1]);
    const [peerAddress, peerPort] = decodeEndpoint(cols[2]);
    connections.push({ localAddress, localPort, peerAddress, peerPort });
  }
  return connections;
}

async function socketInodes(pid: number): Promise<Set<string>> {
  const dir = `/proc/${pid}/fd`;
  const links = await Promise.all(
    (await fs.readdir(dir)).map((fd) => fs.readlink(`${dir}/${fd}`).catch(() => "")),
  );
  return new Set(links.flatMap((l) => /^socket:\[(\d+)\]$/.exec(l)?.slice(1) ?? []));
}

/** "0100007F:1F90" → ["127.0.0.1", 8080]: the address is a little-endian hex word. */
function decodeEndpoint(text: string): [string, number] {
  const [hexIp, hexPort] = text.split(":");
  const bytes = (hexIp.match(/../g) ?? []).map((b) => parseInt(b, 16)).reverse();
  return [bytes.join("."), parseInt(hexPort, 16)];
}
