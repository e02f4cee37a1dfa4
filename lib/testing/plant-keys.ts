// Big keys of every type for tests: a server-side script fills a collection in batches (fast, one
// round trip), a string is one SET of n bytes. Used by the scan and do-no-harm tests.
import "server-only";
import type { Redis } from "ioredis";

export type PlantType = "string" | "list" | "set" | "zset" | "hash" | "stream";

/** KEYS[1] = key; ARGV = type, element count. */
export const FILL = `
local kind, n = ARGV[1], tonumber(ARGV[2])
local batch = {}
local function flush()
  if #batch == 0 then return end
  if kind == "hash" then redis.call("HSET", KEYS[1], unpack(batch))
  elseif kind == "zset" then redis.call("ZADD", KEYS[1], unpack(batch))
  elseif kind == "list" then redis.call("RPUSH", KEYS[1], unpack(batch))
  elseif kind == "set" then redis.call("SADD", KEYS[1], unpack(batch)) end
  batch = {}
end
for i = 1, n do
  if kind == "stream" then redis.call("XADD", KEYS[1], "*", "event", "e" .. i)
  elseif kind == "hash" then batch[#batch + 1] = "field:" .. i; batch[#batch + 1] = "value-" .. i
  elseif kind == "zset" then batch[#batch + 1] = i; batch[#batch + 1] = "member:" .. i
  else batch[#batch + 1] = "item:" .. i end
  if #batch >= 2000 then flush() end
end
flush()
return n`;

export async function plant(client: Redis, key: string, type: PlantType | string, n: number): Promise<void> {
  if (type === "string") await client.set(key, Buffer.alloc(n, 0x61));
  else await client.eval(FILL, 1, key, type, n);
}
