// Pure part of the clients probe: leave out Redline's own connections, group the rest by host, name
// and library, and bucket them by idle time numerically (CORRECTIONS #8: never a regex on the text).
import type { ClientInfo } from "@/lib/parse/client-list";
import type { Finding } from "./finding";

/** Redline names its two connections `redline:probe` and `redline:reserved` (DESIGN.md "Do no harm"). */
export const REDLINE_CLIENT_PREFIX = "redline:";
/**
 * `clients.idle-many` thresholds. Not yet in lib/metrics/rules.ts (the rule table compares one signal,
 * this is three); kept here until the table grows a rule for it.
 */
export const IDLE_LONG_SECONDS = 300;
export const IDLE_MANY_MIN_SHARE = 0.5;
export const IDLE_MANY_MIN_COUNT = 10;

export const IDLE_BUCKETS = [
  { label: "< 10 s", minSec: 0, maxSec: 10 },
  { label: "10–60 s", minSec: 10, maxSec: 60 },
  { label: "1–10 min", minSec: 60, maxSec: 600 },
  { label: "10–60 min", minSec: 600, maxSec: 3_600 },
  { label: "1–24 h", minSec: 3_600, maxSec: 86_400 },
  { label: "> 24 h", minSec: 86_400, maxSec: null },
] as const;

export interface ClientRow {
  node: string;
  id: number;
  addr: string;
  host: string;
  name: string;
  libName: string;
  libVer: string;
  user: string;
  ageSec: number;
  idleSec: number;
  flags: string;
  db: number;
  cmd: string;
  totMem: number;
}

export interface ClientGroup {
  key: string;
  count: number;
  idleOverLong: number;
  maxIdleSec: number;
}

export interface IdleBucketRow {
  label: string;
  minSec: number;
  maxSec: number | null;
  count: number;
}

export interface ClientsAnalysis {
  clients: number;
  idleOverLong: number;
  byHost: ClientGroup[];
  byName: ClientGroup[];
  byLib: ClientGroup[];
  idleBuckets: IdleBucketRow[];
}

export function isRedlineConnection(c: Pick<ClientInfo, "name">): boolean {
  return c.name.startsWith(REDLINE_CLIENT_PREFIX);
}

export function clientRow(node: string, c: ClientInfo): ClientRow {
  return {
    node,
    id: c.id,
    addr: c.addr,
    host: c.host,
    name: c.name,
    libName: c.libName,
    libVer: c.libVer,
    user: c.user,
    ageSec: c.age,
    idleSec: c.idle,
    flags: c.flags,
    db: c.db,
    cmd: c.cmd,
    totMem: c.totMem,
  };
}

export function groupClients(rows: readonly ClientRow[], key: (r: ClientRow) => string): ClientGroup[] {
  const groups = new Map<string, ClientGroup>();
  for (const r of rows) {
    const k = key(r);
    const g = groups.get(k) ?? { key: k, count: 0, idleOverLong: 0, maxIdleSec: 0 };
    g.count++;
    if (r.idleSec > IDLE_LONG_SECONDS) g.idleOverLong++;
    g.maxIdleSec = Math.max(g.maxIdleSec, r.idleSec);
    groups.set(k, g);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

export function idleBuckets(rows: readonly ClientRow[]): IdleBucketRow[] {
  return IDLE_BUCKETS.map((b) => ({
    ...b,
    count: rows.filter((r) => r.idleSec >= b.minSec && (b.maxSec === null || r.idleSec < b.maxSec)).length,
  }));
}

export function analyzeClients(rows: readonly ClientRow[]): ClientsAnalysis {
  return {
    clients: rows.length,
    idleOverLong: rows.filter((r) => r.idleSec > IDLE_LONG_SECONDS).length,
    byHost: groupClients(rows, (r) => r.host || "(unknown)"),
    byName: groupClients(rows, (r) => r.name || "(no name)"),
    byLib: groupClients(rows, (r) => (r.libName ? `${r.libName}${r.libVer ? ` ${r.libVer}` : ""}` : "(not reported)")),
    idleBuckets: idleBuckets(rows),
  };
}

export function idleManyFinding(a: ClientsAnalysis): Finding | undefined {
  if (a.idleOverLong <= IDLE_MANY_MIN_COUNT || a.idleOverLong <= a.clients * IDLE_MANY_MIN_SHARE) return undefined;
  const top = a.byHost.reduce<ClientGroup | undefined>((w, g) => (!w || g.idleOverLong > w.idleOverLong ? g : w), undefined);
  return {
    code: "clients.idle-many",
    severity: "warning",
    message: `${a.idleOverLong} of ${a.clients} connections have been idle for more than ${IDLE_LONG_SECONDS} s: a pool or a leak holds them open`,
    evidence: {
      idleOverLong: a.idleOverLong,
      clients: a.clients,
      idleSeconds: IDLE_LONG_SECONDS,
      ...(top ? { topHost: top.key, topHostIdle: top.idleOverLong } : {}),
    },
  };
}
