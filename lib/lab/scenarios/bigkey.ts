// Incident 1, a big key blocks the main thread: one collection with hundreds of thousands of
// elements that an application reads whole every couple of seconds (HGETALL and friends). Each
// read holds the single thread for a few hundred ms, so SLOWLOG fills and every other client,
// PING included, waits behind it.
import "server-only";
import type { Scenario, ScenarioStartOptions } from "./scenario";
import { runLuaInChunks } from "./support/lua-chunks";
import { waitForSlowEntry } from "./support/server-signals";
import { startSteadyTraffic } from "./support/steady-traffic";
import { launchStandalone, orStop, secondsSince, toRunning } from "./support/standalone-run";

export type BigkeyType = "hash" | "zset" | "list" | "set" | "stream" | "string";

export interface BigkeyOptions extends ScenarioStartOptions {
  /** Default hash. */
  type?: BigkeyType;
  /** Default by type: user:profile:hash, leaderboard:global, activity:feed, online:users, events:audit, report:daily:json. */
  key?: string;
  /** Elements of the big key (fields of a hash; for a string, chunks of valueBytes). Default 500,000 small, 1,500,000 large. */
  fields?: number;
  /** Bytes per value (hash values, list entries). Default 48, close to the reference's 28 MB / 523k fields. */
  valueBytes?: number;
  /** Pause between two whole reads by the application. Default 2000 ms. */
  readIntervalMs?: number;
  /** slowlog-log-slower-than in µs. Default 10000 (the reference's 10 ms). */
  slowlogThresholdUs?: number;
  /** start() waits for a read at least this slow in SLOWLOG. Default 50 ms. */
  expectSlowMs?: number;
  /** Ordinary small string keys next to the big one. Default 10,000. */
  smallKeys?: number;
  /** Ordinary traffic on the small keys, ops/s over 4 clients. Default 100. */
  trafficOpsPerSec?: number;
}

const DEFAULT_KEYS: Record<BigkeyType, string> = {
  hash: "user:profile:hash",
  zset: "leaderboard:global",
  list: "activity:feed",
  set: "online:users",
  stream: "events:audit",
  string: "report:daily:json",
};

/** The whole-collection read an application makes when it forgets the collection grew. */
const READ_ALL: Record<BigkeyType, (key: string) => string[]> = {
  hash: (key) => ["HGETALL", key],
  // Leaderboards are shown with their scores; WITHSCORES also doubles the reply.
  zset: (key) => ["ZRANGE", key, "0", "-1", "WITHSCORES"],
  list: (key) => ["LRANGE", key, "0", "-1"],
  set: (key) => ["SMEMBERS", key],
  // A consumer that replays the whole stream instead of reading from its last ID.
  stream: (key) => ["XRANGE", key, "-", "+"],
  // A cached document that grew to tens of MB, fetched whole by every page view.
  string: (key) => ["GET", key],
};

// Activity-log shaped data, as in the reference: "<event>:<timestamp>" members, small JSON values.
// Batches of 1000 elements per command keep unpack() far below Lua's stack limit.
const FILL_BIG = `
local first, count, kind, vbytes = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3], tonumber(ARGV[4])
local events = {"login", "view", "click", "purchase", "logout"}
local pad = string.rep("x", vbytes)
local cmd = ({hash = "HSET", zset = "ZADD", list = "RPUSH", set = "SADD"})[kind]
local batch = {}
for i = first, first + count - 1 do
  local ts = 1706000000000 + i * 37
  local member = events[i % 5 + 1] .. ":" .. ts
  local value = string.sub('{"ip":"10.' .. (i % 251) .. '.' .. (i % 97) .. '.7","ua":"' .. pad, 1, vbytes - 2) .. '"}'
  if kind == "hash" then batch[#batch + 1] = member; batch[#batch + 1] = value
  elseif kind == "zset" then batch[#batch + 1] = ts; batch[#batch + 1] = member
  elseif kind == "list" then batch[#batch + 1] = member .. "|" .. value
  elseif kind == "stream" then redis.call("XADD", KEYS[1], ts .. "-0", "event", member, "data", value)
  elseif kind == "string" then batch[#batch + 1] = value
    if #batch >= 1000 or i == first + count - 1 then redis.call("APPEND", KEYS[1], table.concat(batch)); batch = {} end
  else batch[#batch + 1] = member end
  if #batch >= 2000 or (i == first + count - 1 and #batch > 0) then
    redis.call(cmd, KEYS[1], unpack(batch))
    batch = {}
  end
end
return count`;

const FILL_SMALL = `
local first, count, prefix = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3]
local batch = {}
for i = first, first + count - 1 do
  batch[#batch + 1] = prefix .. i
  batch[#batch + 1] = '{"id":' .. i .. ',"name":"user ' .. i .. '","plan":"free","locale":"en-US"}'
  if #batch >= 1000 or i == first + count - 1 then redis.call("MSET", unpack(batch)); batch = {} end
end
return count`;

const SMALL_PREFIX = "cache:user:";

export const bigkeyScenario: Scenario<BigkeyOptions> = {
  id: "bigkey",
  title: "Big key blocks the main thread",
  description:
    "One hash (or sorted set, list, set, stream, or a string) grows to hundreds of thousands of elements and an application reads it " +
    "whole every two seconds. Each HGETALL holds Redis's single thread for hundreds of milliseconds: SLOWLOG fills " +
    "with the same command and key, and every other client, PING included, sees periodic latency spikes.",
  unavailableReason: async () => null,
  async start(opts = {}) {
    const large = opts.size === "large";
    const type = opts.type ?? "hash";
    const key = opts.key ?? DEFAULT_KEYS[type];
    const fields = opts.fields ?? (large ? 1_500_000 : 500_000);
    const valueBytes = Math.max(opts.valueBytes ?? 48, 24);
    const intervalMs = opts.readIntervalMs ?? 2_000;
    const thresholdUs = opts.slowlogThresholdUs ?? 10_000;
    const expectSlowMs = opts.expectSlowMs ?? 50;
    const smallKeys = opts.smallKeys ?? 10_000;
    const t0 = Date.now();

    const run = await launchStandalone("bigkey", opts, ["--slowlog-log-slower-than", String(thresholdUs)]);
    return orStop(run, async () => {
      const setup = run.load.client({ commandTimeoutMs: 60_000 });
      await runLuaInChunks(setup, FILL_SMALL, { total: smallKeys, chunk: 10_000, args: [SMALL_PREFIX] });
      await runLuaInChunks(setup, FILL_BIG, { total: fields, chunk: 50_000, keys: [key], args: [type, valueBytes] });
      const fillTime = secondsSince(t0);
      // The fill itself ran as slow EVALs; the evidence should be the application's reads, as on a
      // server where the key grew over months.
      await setup.call("SLOWLOG", "RESET");
      const memory = Number(await setup.call("MEMORY", "USAGE", key, "SAMPLES", "5"));
      setup.disconnect();

      startSteadyTraffic(run.load, {
        clients: 4,
        opsPerSec: opts.trafficOpsPerSec ?? 100,
        keyCount: smallKeys,
        keyOf: (n) => `${SMALL_PREFIX}${n}`,
        writeEvery: 10,
        value: '{"plan":"pro"}',
      });
      const reader = run.load.client({ commandTimeoutMs: 60_000 });
      const [command, ...args] = READ_ALL[type](key);
      run.load.loop(async () => {
        await reader.call(command, ...args);
        await run.load.sleep(intervalMs);
      });

      const entry = await waitForSlowEntry(run.node, {
        command,
        firstArg: key,
        minDurationUs: expectSlowMs * 1000,
        timeoutMs: large ? 120_000 : 30_000,
      });
      return toRunning("bigkey", run, [
        `${type} ${key} with ${fields.toLocaleString("en-US")} elements of ~${valueBytes} B (MEMORY USAGE ≈ ${(memory / 1048576).toFixed(1)} MB), plus ${smallKeys} small keys; filled server-side in ${fillTime}`,
        `slowlog-log-slower-than ${thresholdUs} µs; one client runs ${command} ${key}${args.length > 1 ? " " + args.slice(1).join(" ") : ""} every ${intervalMs} ms; 4 clients read/write the small keys at ~${opts.trafficOpsPerSec ?? 100} ops/s`,
        `first slow read: ${entry.argv.join(" ")} took ${(entry.durationUs / 1000).toFixed(0)} ms; ready after ${secondsSince(t0)}`,
      ]);
    });
  },
};
