// The process's one sampler, kept on globalThis: instrumentation starts it, routes and the health
// service read it (they are separate bundles, and dev reloads must not start a second one).
import "server-only";
import { readEnv } from "@/lib/config/env";
import { getStore } from "@/lib/store/get-store";
import { getConnectionManager } from "@/lib/redis/connection-manager";
import { logger } from "@/lib/log/logger";
import { Sampler } from "./sampler";
import { readSamplerEnv } from "./sampler-env";

const key = Symbol.for("redline.sampler");
type Slot = { sampler?: Sampler; starting?: Promise<Sampler | undefined> };
type WithSampler = typeof globalThis & { [key]?: Slot };

function slot(): Slot {
  const g = globalThis as WithSampler;
  return (g[key] ??= {});
}

/** The running sampler, if any (REDLINE_SAMPLER=off, or not started in this process). */
export function getSampler(): Sampler | undefined {
  return slot().sampler;
}

/** Tests install their own sampler (or none). */
export function setSampler(sampler: Sampler | undefined): void {
  slot().sampler = sampler;
}

/** Starts the sampler once per process, as the environment says. */
export function startSampler(): Promise<Sampler | undefined> {
  const s = slot();
  s.starting ??= (async () => {
    const env = readSamplerEnv();
    if (!env.enabled) {
      logger.info("sampler disabled (REDLINE_SAMPLER=off)");
      return undefined;
    }
    const { db, key: secretKey } = await getStore();
    const sampler = new Sampler({
      db,
      key: secretKey,
      manager: getConnectionManager(),
      intervalMs: env.intervalMs,
      retentionDays: env.retentionDays,
      webhookUrl: env.webhookUrl,
      commandTimeoutMs: readEnv().commandTimeoutMs,
    });
    await sampler.start();
    s.sampler = sampler;
    return sampler;
  })().catch((err) => {
    // A store that is down at boot: the next notice or request may start it again.
    s.starting = undefined;
    logger.error({ err: String(err) }, "sampler could not start");
    return undefined;
  });
  return s.starting;
}

/** Stops the process's sampler and forgets it, so a later startSampler() starts afresh (shutdown, tests). */
export async function stopSampler(): Promise<void> {
  const s = slot();
  const sampler = s.sampler ?? (await s.starting);
  s.sampler = undefined;
  s.starting = undefined;
  await sampler?.stop();
}

/** The registry changed (register, edit, delete): the sampler follows at once instead of at its next poll. */
export function registryChanged(): void {
  void getSampler()?.reload();
}
