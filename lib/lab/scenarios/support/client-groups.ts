// Connection pools and leftover script connections that fill a server: each group connects from
// its own loopback address and names its connections (CLIENT SETNAME), so CLIENT LIST can be
// grouped by addr or by name as in the reference. Most connections sit idle after a first
// command; a share of each app pool keeps running a command now and then.
import "server-only";
import type { Redis } from "ioredis";
import type { LabEndpoint } from "../../lab-client";
import type { LoadGroup } from "./load-group";
import { createSourcedClient } from "./source-address-connector";

export interface ClientGroup {
  /** CLIENT SETNAME of every connection in the group. */
  name: string;
  /** Share of the connections to open (normalised over the groups). */
  share: number;
  /** Loopback address to connect from, e.g. "127.0.0.11". */
  sourceAddress?: string;
  /** Share of the group's connections that stay in use (a command every activeIntervalMs). Default 0. */
  activeShare?: number;
}

export interface OpenGroupsOptions {
  endpoint: LabEndpoint;
  groups: ClientGroup[];
  /** Connections to open over all groups. */
  total: number;
  activeIntervalMs: number;
}

const PARALLEL_CONNECTS = 16;

/** Opens the connections (pushed to `into`, for the caller to close); returns how many per group. */
export async function openClientGroups(load: LoadGroup, into: Redis[], opts: OpenGroupsOptions): Promise<Record<string, number>> {
  const shares = opts.groups.reduce((sum, g) => sum + g.share, 0);
  const counts = opts.groups.map((g) => Math.floor((opts.total * g.share) / shares));
  counts[0] += Math.max(0, opts.total) - counts.reduce((a, b) => a + b, 0);
  const plan = opts.groups.flatMap((group, gi) =>
    Array.from({ length: Math.max(0, counts[gi]) }, (_, i) => ({ group, active: i < Math.round(counts[gi] * (group.activeShare ?? 0)) })),
  );
  const opened: Record<string, number> = Object.fromEntries(opts.groups.map((g) => [g.name, 0]));
  for (let i = 0; i < plan.length && !load.stopped; i += PARALLEL_CONNECTS) {
    await Promise.all(
      plan.slice(i, i + PARALLEL_CONNECTS).map(async ({ group, active }) => {
        const client = createSourcedClient({ ...opts.endpoint, sourceAddress: group.sourceAddress });
        into.push(client);
        await client.connect();
        await client.call("CLIENT", "SETNAME", group.name);
        // A pool validates a new connection with PING; a script's last command was its INFO.
        await (group.activeShare ? client.ping() : client.info("keyspace"));
        opened[group.name]++;
        if (active) keepBusy(load, client, group.name, opts.activeIntervalMs);
      }),
    );
  }
  return opened;
}

function keepBusy(load: LoadGroup, client: Redis, name: string, intervalMs: number): void {
  let n = 0;
  load.loop(async () => {
    // Jittered so the pool's commands do not all land in the same millisecond.
    await load.sleep(intervalMs * (0.5 + Math.random()));
    const key = `session:${name}:${n++ % 50}`;
    if (n % 4 === 0) await client.set(key, String(Date.now()), "EX", 600);
    else await client.get(key);
  });
}
