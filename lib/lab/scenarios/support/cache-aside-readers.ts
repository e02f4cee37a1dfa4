// Application clients using Redis as a cache in front of a database ("cache-aside"): GET, and on a
// miss recompute the value (a simulated database query: a sleep) and SET it back with a TTL. Many
// of them on one key with a short TTL is a stampede: every expiry sends them all to the database.
import "server-only";
import type { LoadGroup } from "./load-group";

export interface CacheAsideReaders {
  clients: number;
  /** Pause between two reads of one client. */
  pauseMs: number;
  /** Time the simulated database query takes on a miss. */
  recomputeMs: number;
  pickKey: () => string;
  valueOf: (key: string) => string;
  /** TTL of a recomputed value, in seconds; 0 for none. */
  ttlSeconds: (key: string) => number;
  /** Called on every miss (one simulated database query each). */
  onMiss?: (key: string) => void;
}

export function startCacheAsideReaders(load: LoadGroup, readers: CacheAsideReaders): void {
  for (let c = 0; c < readers.clients; c++) {
    const client = load.client();
    load.loop(async () => {
      const key = readers.pickKey();
      const cached = await client.get(key);
      if (cached === null) {
        readers.onMiss?.(key);
        await load.sleep(readers.recomputeMs);
        if (load.stopped) return;
        const ttl = readers.ttlSeconds(key);
        if (ttl > 0) await client.set(key, readers.valueOf(key), "EX", ttl);
        else await client.set(key, readers.valueOf(key));
      }
      await load.sleep(readers.pauseMs);
    });
  }
}
