// Incident 6, memory fragmentation: values of many sizes written, then most of them deleted at
// random. jemalloc can only return a page to the OS once every allocation in it is free, so the
// survivors pin most pages: RSS stays near the peak while used_memory falls, and with activedefrag
// off nothing moves them. A churn of short-lived lock keys of varied sizes keeps writing meanwhile.
import "server-only";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { infoNumber, infoString } from "@/lib/parse/info";
import { waitUntil } from "../wait-until";
import type { Scenario, ScenarioStartOptions } from "./scenario";
import { LUA_HASH32, runLuaInChunks } from "./support/lua-chunks";
import { readInfo } from "./support/server-signals";
import { launchStandalone, orStop, secondsSince, toRunning } from "./support/standalone-run";

export interface FragmentationOptions extends ScenarioStartOptions {
  /** Default "stock:" (keys stock:<n>; the churn writes stock:<sku>:lock). */
  keyPrefix?: string;
  /** Data written before the deletion, in MB. Default 300 small, 900 large. */
  fillMb?: number;
  /** Value sizes, uniformly spread. Default 64–4096 bytes. */
  minValueBytes?: number;
  maxValueBytes?: number;
  /** Share of the keys deleted, picked pseudo-randomly. Default 2/3. */
  deleteFraction?: number;
  /** Short-lived lock keys (TTL 5–60 s, varied sizes) written per second. Default 100. */
  churnOpsPerSec?: number;
  /** start() waits for mem_fragmentation_ratio at least this. Default 1.5. */
  expectRatio?: number;
  /** …and mem_fragmentation_bytes at least this many MB. Default 100. */
  expectFragmentedMb?: number;
}

const REDIS_SERVER = process.env.REDLINE_REDIS_SERVER ?? "redis-server";
const execFileAsync = promisify(execFile);

// Sizes from a hash of the index, so they are spread over the size classes and reproducible.
const FILL = `${LUA_HASH32}
local first, count, prefix, lo, hi = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3], tonumber(ARGV[4]), tonumber(ARGV[5])
local base = string.rep("s", hi)
for i = first, first + count - 1 do
  redis.call("SET", prefix .. i, string.sub(base, 1, lo + hash32(i) % (hi - lo + 1)))
end
return count`;

// A different hash of the index than the sizes', so big and small values die alike.
const DELETE = `${LUA_HASH32}
local first, count, prefix, permille = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3], tonumber(ARGV[4])
local deleted = 0
for i = first, first + count - 1 do
  if hash32(i + 7777777) % 1000 < permille then deleted = deleted + redis.call("DEL", prefix .. i) end
end
return deleted`;

const MB = 1024 * 1024;

export const fragmentationScenario: Scenario<FragmentationOptions> = {
  id: "fragmentation",
  title: "Memory fragmentation",
  description:
    "Hundreds of MB of values between 64 B and 4 KB are written, then two thirds of them deleted at random while " +
    "short-lived lock keys keep churning. jemalloc cannot give back pages that still hold a survivor, so RSS stays " +
    "near the peak: mem_fragmentation_ratio ≥ 1.5 with over 100 MB fragmented, and activedefrag is off.",
  async unavailableReason() {
    try {
      const { stdout } = await execFileAsync(REDIS_SERVER, ["--version"], { timeout: 5_000 });
      const malloc = /malloc=(\S+)/.exec(stdout)?.[1] ?? "unknown";
      return malloc.startsWith("jemalloc") ? null : `redis-server is built with ${malloc}, not jemalloc: the scenario relies on jemalloc's size classes and activedefrag`;
    } catch (err) {
      return `cannot run ${REDIS_SERVER} --version: ${(err as Error).message}`;
    }
  },
  async start(opts = {}) {
    const large = opts.size === "large";
    const prefix = opts.keyPrefix ?? "stock:";
    const lo = Math.max(1, opts.minValueBytes ?? 64);
    const hi = Math.max(lo, opts.maxValueBytes ?? 4_096);
    const fillMb = opts.fillMb ?? (large ? 900 : 300);
    const deleteFraction = opts.deleteFraction ?? 2 / 3;
    const churnOps = opts.churnOpsPerSec ?? 100;
    const expectRatio = opts.expectRatio ?? 1.5;
    const expectBytes = (opts.expectFragmentedMb ?? 100) * MB;
    // Per key: the value, plus about 80 B of key, dict entry and object headers.
    const keys = Math.ceil((fillMb * MB) / ((lo + hi) / 2 + 80));
    const t0 = Date.now();

    const run = await launchStandalone("fragmentation", opts, ["--activedefrag", "no"]);
    return orStop(run, async () => {
      const allocator = infoString(await readInfo(run.node, "memory"), "mem_allocator") ?? "unknown";
      if (!allocator.startsWith("jemalloc")) throw new Error(`fragmentation scenario: mem_allocator is ${allocator}, not jemalloc`);

      const setup = run.load.client({ commandTimeoutMs: 60_000 });
      await runLuaInChunks(setup, FILL, { total: keys, chunk: 50_000, args: [prefix, lo, hi] });
      const peak = infoNumber(await readInfo(run.node, "memory"), "used_memory") ?? 0;
      const deleted = await runLuaInChunks(setup, DELETE, {
        total: keys,
        chunk: 50_000,
        args: [prefix, Math.round(deleteFraction * 1000)],
      });
      setup.disconnect();
      const fillTime = secondsSince(t0);

      // The workload of the reference: stock locks of varied sizes living 5–60 s.
      const churn = run.load.client();
      const pad = "l".repeat(hi);
      run.load.loop(async () => {
        const sku = Math.floor(Math.random() * 100_000);
        const size = lo + Math.floor(Math.random() * (hi - lo + 1));
        await churn.set(`${prefix}${sku}:lock`, pad.slice(0, size), "EX", 5 + Math.floor(Math.random() * 56));
        await run.load.sleep(1000 / churnOps);
      });

      let memory = "";
      await waitUntil(
        async () => {
          const info = await readInfo(run.node, "memory");
          const ratio = infoNumber(info, "mem_fragmentation_ratio") ?? 0;
          const bytes = infoNumber(info, "mem_fragmentation_bytes") ?? 0;
          memory = `used_memory ${((infoNumber(info, "used_memory") ?? 0) / MB).toFixed(0)} MB, used_memory_rss ${((infoNumber(info, "used_memory_rss") ?? 0) / MB).toFixed(0)} MB, mem_fragmentation_ratio ${ratio}, mem_fragmentation_bytes ${(bytes / MB).toFixed(0)} MB, allocator_frag_ratio ${infoString(info, "allocator_frag_ratio")}`;
          return (ratio >= expectRatio && bytes >= expectBytes) || memory;
        },
        { timeoutMs: 30_000, intervalMs: 250, what: `mem_fragmentation_ratio ≥ ${expectRatio} with ≥ ${expectBytes / MB} MB fragmented` },
      );
      return toRunning("fragmentation", run, [
        `${allocator}, activedefrag no; wrote ${keys.toLocaleString("en-US")} keys ${prefix}<n> of ${lo}–${hi} B (used_memory peak ${(peak / MB).toFixed(0)} MB), then deleted ${deleted.toLocaleString("en-US")} (${Math.round(deleteFraction * 100)} %) at random; fill + delete took ${fillTime}`,
        `a client writes ${prefix}<sku>:lock keys of ${lo}–${hi} B with TTL 5–60 s at ~${churnOps}/s`,
        `${memory}; ready after ${secondsSince(t0)}`,
      ]);
    });
  },
};
