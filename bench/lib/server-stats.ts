// What a tool cost the Redis server itself: CPU seconds (used_cpu_sys + used_cpu_user) and new
// SLOWLOG entries over a window. The lab node is the bench's own, so resetting its SLOWLOG is fine.
import type { Redis } from "ioredis";

async function cpuSeconds(redis: Redis): Promise<number> {
  const info = await redis.info("cpu");
  const read = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, "m").exec(info)?.[1] ?? NaN);
  return read("used_cpu_sys") + read("used_cpu_user");
}

export interface ServerCost {
  cpuSeconds: number;
  slowlogEntries: number;
}

/** Runs `fn` and reports the server's CPU and SLOWLOG growth meanwhile. */
export async function serverCost<T>(redis: Redis, fn: () => Promise<T>): Promise<{ value: T; cost: ServerCost }> {
  await redis.call("SLOWLOG", "RESET");
  const cpu0 = await cpuSeconds(redis);
  const value = await fn();
  const cpu1 = await cpuSeconds(redis);
  const slowlogEntries = Number(await redis.call("SLOWLOG", "LEN"));
  return { value, cost: { cpuSeconds: Math.round((cpu1 - cpu0) * 1000) / 1000, slowlogEntries } };
}
