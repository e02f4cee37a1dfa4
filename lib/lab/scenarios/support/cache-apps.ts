// Applications in front of a cache that reconnect when the server goes away: cache-aside readers
// (a miss is "read from the database" and written back) and a session writer. Around a restart
// they fail for a moment, then carry on against whatever server now answers on the address.
import "server-only";
import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";
import { withLabClient, type LabEndpoint } from "../../lab-client";
import type { LoadGroup } from "./load-group";

export function userKey(n: number): string {
  return `user:${n}`;
}

/** A user profile as JSON, padded to about `bytes` (a bio) when asked. */
export function userValue(n: number, bytes = 0): string {
  const profile = { id: n, name: `user ${n}`, plan: n % 10 === 0 ? "pro" : "free", locale: "en-US" };
  const base = JSON.stringify(profile);
  return bytes > base.length + 10 ? JSON.stringify({ ...profile, bio: "x".repeat(bytes - base.length - 10) }) : base;
}

/** The warm cache: `keys` user:<n> entries of about valueBytes each, pipelined MSETs. */
export async function loadUserCache(endpoint: LabEndpoint, keys: number, valueBytes = 0): Promise<void> {
  await withLabClient(endpoint, async (c) => {
    for (let first = 0; first < keys; first += 10_000) {
      const pipeline = c.pipeline();
      for (let b = first; b < Math.min(first + 10_000, keys); b += 500) {
        const args: string[] = [];
        for (let n = b; n < Math.min(b + 500, keys); n++) args.push(userKey(n), userValue(n, valueBytes));
        pipeline.mset(...args);
      }
      await pipeline.exec();
    }
    // The bulk load is setup, not traffic: on a busy machine its MSETs can reach the slowlog and the
    // latency monitor, and a healthy server must not carry that as evidence.
    await c.call("SLOWLOG", "RESET");
    await c.call("LATENCY", "RESET");
  });
}

/** A client that is replaced once its connection is gone for good (lab clients do not retry). */
function reconnecting(load: LoadGroup): () => Redis {
  let client = load.client();
  return () => {
    if (client.status === "end") client = load.client();
    return client;
  };
}

export interface CacheAppsOptions {
  keys: number;
  readsPerSec: number;
  sessionWritesPerSec: number;
}

export function startCacheApps(load: LoadGroup, opts: CacheAppsOptions): void {
  if (opts.readsPerSec > 0) {
    const reader = reconnecting(load);
    load.loop(async () => {
      const n = Math.floor(Math.random() * opts.keys);
      const c = reader();
      if ((await c.get(userKey(n))) === null) await c.set(userKey(n), userValue(n), "EX", 3_600);
      await load.sleep(1000 / opts.readsPerSec);
    });
  }
  if (opts.sessionWritesPerSec > 0) {
    const writer = reconnecting(load);
    load.loop(async () => {
      const id = randomBytes(8).toString("hex");
      await writer().set(`session:${id}`, JSON.stringify({ user: Math.floor(Math.random() * opts.keys), at: Date.now() }), "EX", 1_800);
      await load.sleep(1000 / opts.sessionWritesPerSec);
    });
  }
}
