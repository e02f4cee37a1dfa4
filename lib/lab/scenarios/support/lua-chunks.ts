// Server-side bulk loading for scenarios: one Lua script run chunk by chunk, so hundreds of MB or
// millions of keys are written by redis-server itself instead of crossing the socket one by one,
// while each chunk stays short enough (a few hundred ms) not to look like a hung server.
import "server-only";
import type { Redis } from "ioredis";

export interface ChunkedRun {
  /** Items to write in all; the script receives ARGV[1] = first index, ARGV[2] = count. */
  total: number;
  chunk: number;
  keys?: string[];
  /** Passed after the index and count, as ARGV[3], ARGV[4]… */
  args?: Array<string | number>;
}

/** Runs `script` over [0, total) in chunks; returns the sum of the script's integer replies. */
export async function runLuaInChunks(client: Redis, script: string, run: ChunkedRun): Promise<number> {
  const sha = String(await client.call("SCRIPT", "LOAD", script));
  const keys = run.keys ?? [];
  let sum = 0;
  for (let start = 0; start < run.total; start += run.chunk) {
    const count = Math.min(run.chunk, run.total - start);
    const reply = await client.call("EVALSHA", sha, keys.length, ...keys, start, count, ...(run.args ?? []));
    sum += Number(reply) || 0;
  }
  return sum;
}

/**
 * A pseudo-random but reproducible number in [0, 2^32) for index i, in Lua. Lua 5.1 numbers are
 * doubles, so the products stay below 2^53 to remain exact.
 */
export const LUA_HASH32 = `local function hash32(i)
  local h = (i * 40503 + 2654435) % 4294967296
  h = (h * 2057 + 12345) % 4294967296
  return (h * 7919 + 977) % 4294967296
end`;
