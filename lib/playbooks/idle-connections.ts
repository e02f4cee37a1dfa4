// Which connections the "kill idle connections" fix may list: chosen by a numeric idle time from
// parsed CLIENT LIST rows (CORRECTIONS #8: never a regex on the text, which misses idle ≥ 10,000 s),
// and never Redline's own, a replica's or master's link, a subscriber or a blocked client, whose
// idleness is normal. Pure: the UI previews exactly the list the fix then kills, one CLIENT KILL ID each.

export interface ConnectionRow {
  node: string;
  id: number;
  name: string;
  addr?: string;
  idleSec: number;
  /** CLIENT LIST flags: S replica, M master, P pub/sub, b blocked, O monitor, N none. */
  flags: string;
}

export interface KillTarget {
  node: string;
  id: number;
  name: string;
  addr: string;
  idleSec: number;
}

/** Flags of connections that are idle by design. */
const KEEP_FLAGS = /[SMPbO]/;

export function isRedlineConnection(name: string): boolean {
  return name.startsWith("redline:");
}

export function selectIdleConnections(rows: readonly ConnectionRow[], minIdleSeconds: number, limit = 1000): KillTarget[] {
  return rows
    .filter((r) => Number.isFinite(r.idleSec) && r.idleSec >= minIdleSeconds)
    .filter((r) => !isRedlineConnection(r.name) && !KEEP_FLAGS.test(r.flags.replace(/^N$/, "")))
    .sort((a, b) => b.idleSec - a.idleSec || a.id - b.id)
    .slice(0, limit)
    .map((r) => ({ node: r.node, id: r.id, name: r.name, addr: r.addr ?? "", idleSec: r.idleSec }));
}
