// The server's store and master key, opened once per process (kept on globalThis for dev reloads).
import "server-only";
import { readEnv } from "@/lib/config/env";
import { loadOrCreateKey } from "@/lib/security/secret-key";
import { ensureFirstAdmin, announceBootstrapToken } from "@/lib/security/first-start";
import { openDatabase, targetFromEnv, type Db } from "./database";

export interface Store {
  db: Db;
  key: Buffer;
}

const storeKey = Symbol.for("redline.store");
type WithStore = typeof globalThis & { [storeKey]?: Promise<Store> };

export function getStore(): Promise<Store> {
  const g = globalThis as WithStore;
  g[storeKey] ??= (async () => {
    const env = readEnv();
    const key = loadOrCreateKey({ secretKey: env.secretKey, dataDir: env.dataDir });
    const db = await openDatabase(targetFromEnv(env));
    await ensureFirstAdmin(db, env.adminPassword);
    announceBootstrapToken(env.bootstrapToken);
    return { db, key };
  })().catch((err) => {
    // A failed open (PostgreSQL down at start) is retried by the next request instead of sticking.
    g[storeKey] = undefined;
    throw err;
  });
  return g[storeKey];
}
