// Incident 3, a hot key's expiry stampedes the database: during a "flash sale" dozens of clients
// read one product key with a short TTL. Each expiry makes all of them miss at once, query the
// (simulated) database and write the key back, so keyspace_misses jumps in bursts. Around it, a
// catalogue of products is read with a Zipf skew, as real caches are. The server runs an LFU
// eviction policy, which is what lets OBJECT FREQ (and redis-cli --hotkeys) rank the hot key.
import "server-only";
import { infoNumber } from "@/lib/parse/info";
import { labCommand } from "../lab-client";
import { waitUntil } from "../wait-until";
import type { Scenario, ScenarioStartOptions } from "./scenario";
import { startCacheAsideReaders } from "./support/cache-aside-readers";
import { lfuRanking, MissBursts, missJump } from "./support/hotkey-signals";
import { runLuaInChunks } from "./support/lua-chunks";
import { readInfo } from "./support/server-signals";
import { launchStandalone, orStop, secondsSince, toRunning } from "./support/standalone-run";
import { ZipfSampler } from "./support/zipf";

export interface HotkeyStampedeOptions extends ScenarioStartOptions {
  /** Default "product:flash:100". */
  hotKey?: string;
  /** TTL the clients give the hot key. Default 3 s. */
  hotTtlSeconds?: number;
  /** Clients hammering the hot key. Default 40 small, 60 large. */
  clients?: number;
  /** Pause between two reads of one hot-key client. Default 10 ms small, 15 ms large (≈ 3–4k reads/s in all). */
  readPauseMs?: number;
  /** The simulated database query on a miss. Default 50 ms. */
  recomputeMs?: number;
  /** Default 2048 bytes (a product page's JSON). */
  hotValueBytes?: number;
  /** Catalogue keys `<backgroundPrefix><id>`. Default 10,000 small, 100,000 large. */
  backgroundKeys?: number;
  /** Default "product:". */
  backgroundPrefix?: string;
  /** Zipf exponent of catalogue reads. Default 1.1. */
  zipfS?: number;
  /** Default 4 clients reading the catalogue at 100 ops/s in all. */
  backgroundClients?: number;
  backgroundOpsPerSec?: number;
  /**
   * Catalogue TTL: between this and 1.5× this. Default 300 s; 0 for none. LFU counters only grow
   * while a key lives, so a long-lived catalogue head can outrank a hot key that is recreated
   * every few seconds: the longer this TTL and the faster the catalogue reads, the sooner it does.
   */
  backgroundTtlSeconds?: number;
  /** Default "256mb". */
  maxmemory?: string;
  /** Default "allkeys-lfu". A non-LFU policy reproduces the stampede without OBJECT FREQ to find it. */
  maxmemoryPolicy?: string;
}

/** A burst: at least this many misses within a second (server side and as the clients saw them). */
const BURST_MISSES = 10;

const FILL_CATALOGUE = `
local first, count, prefix, ttl = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3], tonumber(ARGV[4])
local pad = string.rep("x", 400)
for i = first, first + count - 1 do
  local value = '{"id":' .. i .. ',"price":' .. (i % 997) .. '.99,"stock":' .. (i % 53) .. ',"desc":"' .. string.sub(pad, 1, 100 + i % 300) .. '"}'
  if ttl > 0 then redis.call("SET", prefix .. i, value, "EX", ttl + i % math.max(1, math.floor(ttl / 2)))
  else redis.call("SET", prefix .. i, value) end
end
return count`;

/** Rank → product id: the most read products are scattered over the id space, not ids 0, 1, 2… */
function shuffledIds(n: number): Uint32Array {
  const ids = new Uint32Array(n);
  for (let i = 0; i < n; i++) ids[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [ids[i], ids[j]] = [ids[j], ids[i]];
  }
  return ids;
}

export const hotkeyStampedeScenario: Scenario<HotkeyStampedeOptions> = {
  id: "hotkey-stampede",
  title: "Hot key expiry stampede",
  description:
    "Dozens of clients read one flash-sale product key with a 3 s TTL while a catalogue is read with a Zipf skew. " +
    "Every expiry, all of them miss together, run the (simulated, 50 ms) database query and SET the key back: " +
    "keyspace_misses jumps by about one miss per client at each expiry, and under allkeys-lfu OBJECT FREQ ranks the key first.",
  unavailableReason: async () => null,
  async start(opts = {}) {
    const large = opts.size === "large";
    const hotKey = opts.hotKey ?? "product:flash:100";
    const hotTtl = opts.hotTtlSeconds ?? 3;
    const clients = opts.clients ?? (large ? 60 : 40);
    const readPauseMs = opts.readPauseMs ?? (large ? 15 : 10);
    const recomputeMs = opts.recomputeMs ?? 50;
    const prefix = opts.backgroundPrefix ?? "product:";
    const catalogue = opts.backgroundKeys ?? (large ? 100_000 : 10_000);
    const bgTtl = opts.backgroundTtlSeconds ?? 300;
    const bgClients = opts.backgroundClients ?? 4;
    const bgOps = opts.backgroundOpsPerSec ?? 100;
    const policy = opts.maxmemoryPolicy ?? "allkeys-lfu";
    const hotValue = JSON.stringify({ id: 100, sale: "flash", desc: "" }).padEnd(opts.hotValueBytes ?? 2_048, " ");
    const t0 = Date.now();

    const run = await launchStandalone("hotkey-stampede", opts, [
      ...["--maxmemory", opts.maxmemory ?? "256mb", "--maxmemory-policy", policy],
    ]);
    return orStop(run, async () => {
      await runLuaInChunks(run.load.client(), FILL_CATALOGUE, { total: catalogue, chunk: 20_000, args: [prefix, bgTtl] });
      // Pre-warmed before the sale, as the reference recommends: the first stampede is the first expiry.
      await labCommand(run.node, ["SET", hotKey, hotValue, "EX", String(hotTtl)]);
      const fillTime = secondsSince(t0);

      const zipf = new ZipfSampler(catalogue, opts.zipfS ?? 1.1);
      const ids = shuffledIds(catalogue);
      startCacheAsideReaders(run.load, {
        clients: bgClients,
        pauseMs: (bgClients * 1000) / bgOps,
        recomputeMs,
        pickKey: () => prefix + ids[zipf.next()],
        valueOf: (key) => JSON.stringify({ id: key.slice(prefix.length), price: 9.99, desc: "x".repeat(200) }),
        ttlSeconds: () => (bgTtl > 0 ? bgTtl + Math.floor((Math.random() * bgTtl) / 2) : 0),
      });
      const bursts = new MissBursts(BURST_MISSES);
      startCacheAsideReaders(run.load, {
        clients,
        pauseMs: readPauseMs,
        recomputeMs,
        pickKey: () => hotKey,
        valueOf: () => hotValue,
        ttlSeconds: () => hotTtl,
        onMiss: () => bursts.miss(Date.now()),
      });

      const jump = await missJump(run.node, BURST_MISSES, hotTtl * 1000 + 20_000, () => bursts.count > 0);
      // Read before the OBJECT FREQ sampling below, whose own commands would inflate it.
      const ops = infoNumber(await readInfo(run.node, "stats"), "instantaneous_ops_per_sec") ?? 0;
      let ranking: Awaited<ReturnType<typeof lfuRanking>> | undefined;
      if (policy.endsWith("-lfu")) {
        await waitUntil(
          async () => {
            ranking = await lfuRanking(run.node, hotKey, 20_000);
            return ranking.hotIsTop || `${hotKey} freq ${ranking.hotFreq}, top ${ranking.top.key} freq ${ranking.top.freq}`;
          },
          { timeoutMs: 20_000, intervalMs: 300, what: `${hotKey} to have the highest OBJECT FREQ` },
        );
      }
      return toRunning("hotkey-stampede", run, [
        `maxmemory ${opts.maxmemory ?? "256mb"}, maxmemory-policy ${policy}; ${catalogue.toLocaleString("en-US")} catalogue keys ${prefix}<id>${bgTtl > 0 ? ` (TTL ${bgTtl}–${Math.round(bgTtl * 1.5)} s)` : ""} read by ${bgClients} clients at ~${bgOps} ops/s with Zipf s=${opts.zipfS ?? 1.1}; filled in ${fillTime}`,
        `${clients} clients read ${hotKey} every ${readPauseMs} ms; on a miss each sleeps ${recomputeMs} ms (the database) and SETs it back with EX ${hotTtl}`,
        `first burst: keyspace_misses +${jump.misses} within ${jump.windowMs} ms; clients saw ${bursts.lastSize} misses (database queries) for that expiry`,
        ranking
          ? `OBJECT FREQ ${hotKey} = ${ranking.hotFreq}, highest of ${ranking.sampled} keys (next: ${ranking.runnerUp.key} = ${ranking.runnerUp.freq})`
          : `policy ${policy} is not LFU: OBJECT FREQ is unavailable`,
        `instantaneous_ops_per_sec ${ops}; ready after ${secondsSince(t0)}`,
      ]);
    });
  },
};
