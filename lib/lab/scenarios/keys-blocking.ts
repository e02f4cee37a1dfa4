// Incident 7, KEYS blocks production: a maintenance job lists session keys with KEYS session:* on
// a server holding millions of keys. KEYS walks the whole keyspace on the main thread, so every run
// stalls every other client for as long as the walk takes, and SLOWLOG records it.
import "server-only";
import type { Scenario, ScenarioStartOptions } from "./scenario";
import { LUA_HASH32, runLuaInChunks } from "./support/lua-chunks";
import { waitForSlowEntry } from "./support/server-signals";
import { startSteadyTraffic } from "./support/steady-traffic";
import { launchStandalone, orStop, secondsSince, toRunning } from "./support/standalone-run";

export interface KeysBlockingOptions extends ScenarioStartOptions {
  /** Prefix of the keys the job looks for. Default "session:". */
  keyPrefix?: string;
  /** Keys under the prefix. Default 1,000,000 small, 3,000,000 large. */
  keys?: number;
  /** Other keys (outside the prefix) the walk must also visit. Default 50,000 ("user:<n>"). */
  otherKeys?: number;
  /** What the job asks for. Default `<keyPrefix>*`. */
  pattern?: string;
  /** Bytes per session value. Default 120. */
  valueBytes?: number;
  /**
   * Redis TTL of the sessions: each key gets between this and twice this. Default 0: as in the
   * reference, sessions expire in the application (an "exp" field), which is why a job has to
   * find them at all.
   */
  ttlSeconds?: number;
  /** Pause between two runs of the job. Default 3000 ms. */
  intervalMs?: number;
  /** slowlog-log-slower-than in µs. Default 10000. */
  slowlogThresholdUs?: number;
  /** start() waits for a KEYS entry at least this slow in SLOWLOG. Default 100 ms. */
  expectSlowMs?: number;
  /** Application reads of sessions, ops/s over 4 clients. Default 100. */
  trafficOpsPerSec?: number;
}

// Session ids look random ("session:9f3c01a2"): the same bijective hash as LUA_HASH32, so the
// application traffic below can address keys the fill created.
const sessionId = (i: number): string => {
  let h = (i * 40503 + 2654435) % 4294967296;
  h = (h * 2057 + 12345) % 4294967296;
  return ((h * 7919 + 977) % 4294967296).toString(16).padStart(8, "0");
};

const FILL_SESSIONS = `${LUA_HASH32}
local first, count, prefix, vbytes, ttl = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3], tonumber(ARGV[4]), tonumber(ARGV[5])
local pad = string.rep("x", vbytes)
local batch = {}
for i = first, first + count - 1 do
  local value = string.sub('{"uid":' .. i .. ',"exp":' .. (1706000000 + i % 86400) .. ',"csrf":"' .. pad, 1, vbytes - 2) .. '"}'
  local key = prefix .. string.format("%08x", hash32(i))
  if ttl > 0 then
    redis.call("SET", key, value, "EX", ttl + i % ttl)
  else
    batch[#batch + 1] = key
    batch[#batch + 1] = value
    if #batch >= 1000 then redis.call("MSET", unpack(batch)); batch = {} end
  end
end
if #batch > 0 then redis.call("MSET", unpack(batch)) end
return count`;

const FILL_OTHERS = `
local first, count = tonumber(ARGV[1]), tonumber(ARGV[2])
local batch = {}
for i = first, first + count - 1 do
  batch[#batch + 1] = "user:" .. i
  batch[#batch + 1] = '{"id":' .. i .. ',"plan":"free"}'
  if #batch >= 1000 or i == first + count - 1 then redis.call("MSET", unpack(batch)); batch = {} end
end
return count`;

export const keysBlockingScenario: Scenario<KeysBlockingOptions> = {
  id: "keys-blocking",
  title: "KEYS blocks the server",
  description:
    "A maintenance job looks for session keys with KEYS session:* every few seconds on a server holding a million " +
    "keys or more. KEYS is O(N) over the whole keyspace on the main thread: each run blocks every client for hundreds " +
    "of milliseconds (seconds on the large size), SLOWLOG records KEYS with its pattern, and CLIENT LIST shows cmd=keys.",
  unavailableReason: async () => null,
  async start(opts = {}) {
    const large = opts.size === "large";
    const prefix = opts.keyPrefix ?? "session:";
    const keys = opts.keys ?? (large ? 3_000_000 : 1_000_000);
    const otherKeys = opts.otherKeys ?? 50_000;
    const pattern = opts.pattern ?? `${prefix}*`;
    const valueBytes = Math.max(opts.valueBytes ?? 120, 48);
    const ttl = opts.ttlSeconds ?? 0;
    const intervalMs = opts.intervalMs ?? 3_000;
    const thresholdUs = opts.slowlogThresholdUs ?? 10_000;
    const trafficOps = opts.trafficOpsPerSec ?? 100;
    const t0 = Date.now();

    const run = await launchStandalone("keys-blocking", opts, ["--slowlog-log-slower-than", String(thresholdUs)]);
    return orStop(run, async () => {
      const setup = run.load.client({ commandTimeoutMs: 60_000 });
      await runLuaInChunks(setup, FILL_OTHERS, { total: otherKeys, chunk: 50_000 });
      await runLuaInChunks(setup, FILL_SESSIONS, { total: keys, chunk: 50_000, args: [prefix, valueBytes, ttl] });
      const dbsize = Number(await setup.dbsize());
      // The fill ran as slow EVALs; the evidence should be the job's KEYS, as on a server filled by users.
      await setup.call("SLOWLOG", "RESET");
      setup.disconnect();
      const fillTime = secondsSince(t0);

      startSteadyTraffic(run.load, {
        clients: 4,
        opsPerSec: trafficOps,
        keyCount: keys,
        keyOf: (n) => prefix + sessionId(n),
      });
      // The job parses a reply of up to millions of keys; one at a time, never overlapping runs.
      const job = run.load.client({ commandTimeoutMs: 120_000 });
      run.load.loop(async () => {
        await job.call("KEYS", pattern);
        await run.load.sleep(intervalMs);
      });

      const entry = await waitForSlowEntry(run.node, {
        command: "KEYS",
        minDurationUs: (opts.expectSlowMs ?? 100) * 1000,
        timeoutMs: large ? 120_000 : 30_000,
      });
      return toRunning("keys-blocking", run, [
        `${keys.toLocaleString("en-US")} keys ${prefix}<id> of ~${valueBytes} B ${ttl > 0 ? `with TTLs of ${ttl}–${2 * ttl} s` : `without TTL (they expire in the application: an "exp" field)`} and ${otherKeys.toLocaleString("en-US")} user:<n> keys (DBSIZE ${dbsize.toLocaleString("en-US")}); filled server-side in ${fillTime}`,
        `slowlog-log-slower-than ${thresholdUs} µs; a maintenance client runs KEYS ${pattern} every ${intervalMs} ms; 4 clients read sessions at ~${trafficOps} ops/s`,
        `first slow KEYS: ${entry.argv.join(" ")} took ${(entry.durationUs / 1000).toFixed(0)} ms; ready after ${secondsSince(t0)}`,
      ]);
    });
  },
};
