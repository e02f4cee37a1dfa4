// The scan benchmark's keyspace: `keys` keys of mixed types (DEBUG POPULATE strings for the bulk,
// small collections of every type through pipelines) plus planted big keys of known name and size,
// two per type, so recall in a top-N can be checked exactly.
import type { Redis } from "ioredis";

export const PLANTED_TYPES = ["string", "list", "set", "zset", "hash", "stream"] as const;

export interface PlantedKey {
  key: string;
  type: (typeof PLANTED_TYPES)[number];
  /** Bytes for a string, elements (entries) otherwise. */
  size: number;
  /** The biggest planted key of its type: what a per-type report (redis-cli) can name. */
  biggestOfType: boolean;
}

export const PLANTED: PlantedKey[] = PLANTED_TYPES.flatMap((type) => {
  const [a, b] = type === "string" ? [1_048_576, 262_144] : type === "stream" ? [20_000, 5_000] : [50_000, 10_000];
  return [
    { key: `big:${type}:a`, type, size: a!, biggestOfType: true },
    { key: `big:${type}:b`, type, size: b!, biggestOfType: false },
  ];
});

/** Share of the keyspace that is small collections (the rest is 10-byte strings). */
const COLLECTION_SHARE = 0.2;
const PIPE = 2_000;

async function inPipelines(redis: Redis, count: number, add: (pipe: ReturnType<Redis["pipeline"]>, i: number) => void): Promise<void> {
  for (let start = 0; start < count; start += PIPE) {
    const pipe = redis.pipeline();
    for (let i = start; i < Math.min(count, start + PIPE); i++) add(pipe, i);
    const replies = (await pipe.exec()) ?? [];
    const failed = replies.find(([err]) => err);
    if (failed) throw failed[0];
  }
}

async function plant(redis: Redis, p: PlantedKey): Promise<void> {
  if (p.type === "string") {
    await redis.set(p.key, "x".repeat(p.size));
    return;
  }
  const CHUNK = 1_000;
  await inPipelines(redis, Math.ceil(p.size / CHUNK), (pipe, c) => {
    const ids = Array.from({ length: Math.min(CHUNK, p.size - c * CHUNK) }, (_, j) => c * CHUNK + j);
    if (p.type === "list") pipe.rpush(p.key, ...ids.map((i) => `item-${i}`));
    else if (p.type === "set") pipe.sadd(p.key, ...ids.map((i) => `member-${i}`));
    else if (p.type === "zset") pipe.zadd(p.key, ...ids.flatMap((i) => [i, `member-${i}`]));
    else if (p.type === "hash") pipe.hset(p.key, ...ids.flatMap((i) => [`field-${i}`, "v"]));
    else for (const i of ids) pipe.xadd(p.key, `${i + 1}-0`, "f", "v");
  });
}

/** Fills an empty lab node; returns the number of keys it holds. */
export async function fillKeyspace(redis: Redis, keys: number): Promise<number> {
  const collections = Math.floor((keys - PLANTED.length) * COLLECTION_SHARE);
  const strings = keys - PLANTED.length - collections;
  await redis.call("DEBUG", "POPULATE", String(strings), "key", "10");
  const small = PLANTED_TYPES.filter((t) => t !== "string");
  await inPipelines(redis, collections, (pipe, i) => {
    const type = small[i % small.length]!;
    const key = `small:${type}:${i}`;
    if (type === "list") pipe.rpush(key, "a", "b", "c");
    else if (type === "set") pipe.sadd(key, "a", "b", "c");
    else if (type === "zset") pipe.zadd(key, 1, "a", 2, "b", 3, "c");
    else if (type === "hash") pipe.hset(key, "a", "1", "b", "2", "c", "3");
    else pipe.xadd(key, "*", "f", "v");
  });
  for (const p of PLANTED) await plant(redis, p);
  return Number(await redis.dbsize());
}

export function recall(found: readonly string[], onlyBiggestOfType = false): { found: number; of: number; missing: string[] } {
  const wanted = PLANTED.filter((p) => !onlyBiggestOfType || p.biggestOfType);
  const set = new Set(found);
  const missing = wanted.filter((p) => !set.has(p.key)).map((p) => p.key);
  return { found: wanted.length - missing.length, of: wanted.length, missing };
}
