// The tools the scan benchmark compares, each returning the key names it reports: Redline's bigkeys
// probe (through runProbe, as the API runs it), redis-cli --bigkeys / --memkeys, and two experiments
// that are not Redline (bare ioredis pipelines; the per-key work server-side in EVAL_RO, which
// Redline's policy does not allow) showing where the scanner's time goes.
import type { Redis } from "ioredis";
import type { RedisProcess } from "@/lib/lab";
import type { BigkeysData } from "@/lib/probes/bigkeys";
import { getProbe } from "@/lib/probes/registry";
import { runProbe } from "@/lib/probes/run-probe";
import type { ProbeResult } from "@/lib/probes/types";
import { labConfig } from "@/lib/testing/instance-config";
import { biggestKeys, redisCli } from "../lib/redis-cli";

export interface ToolRun {
  keys: string[];
  note?: string;
  probe?: BigkeysData["summary"] & { backoffs: number };
}

export async function redline(node: RedisProcess, params: Record<string, unknown>): Promise<ToolRun> {
  const probe = getProbe("bigkeys")!;
  const r = (await runProbe(probe, labConfig(node), probe.params.parse({ budgetMs: 600_000, maxKeys: 50_000_000, topN: 20, ...params }))) as ProbeResult<BigkeysData>;
  if (r.error) throw new Error(`bigkeys failed: ${r.error.message}`);
  const backoffs = r.data.nodes.reduce((n, x) => n + x.backoffs, 0);
  return { keys: r.data.rows.map((row) => row.key), probe: { ...r.data.summary, backoffs } };
}

export async function cli(node: RedisProcess, flag: "--bigkeys" | "--memkeys"): Promise<ToolRun> {
  const { stdout } = await redisCli(node, [flag]);
  return { keys: biggestKeys(stdout) };
}

/** Redline's pipelines without Redline: SCAN + TYPE + MEMORY USAGE on a bare client, unpaced. */
export async function bareIoredis(c: Redis): Promise<ToolRun> {
  let cursor = "0";
  const inflight: Array<Promise<unknown>> = [];
  do {
    const [next, keys] = (await c.callBuffer("SCAN", cursor, "COUNT", "500")) as [Buffer, Buffer[]];
    cursor = next.toString();
    const pipe = c.pipeline();
    for (const k of keys) pipe.call("TYPE", k.toString("latin1")).call("MEMORY", "USAGE", k.toString("latin1"), "SAMPLES", "5");
    inflight.push(pipe.exec());
    while (inflight.length >= 2) await inflight.shift();
  } while (cursor !== "0");
  await Promise.all(inflight);
  return { keys: [], note: "SCAN COUNT 500, one TYPE + MEMORY USAGE pipeline per batch, two in flight, unpaced" };
}

const BATCH_SCRIPT = `#!lua flags=no-writes,allow-cross-slot-keys
local out = {}
for _, k in ipairs(ARGV) do
  out[#out + 1] = redis.call('TYPE', k)['ok']
  out[#out + 1] = redis.call('MEMORY', 'USAGE', k, 'SAMPLES', '5') or -1
end
return out`;

/** The same per-key work in one read-only script call per batch: one reply per 200 keys. */
export async function evalRoBatches(c: Redis): Promise<ToolRun> {
  let cursor = "0";
  const inflight: Array<Promise<unknown>> = [];
  do {
    const [next, keys] = (await c.callBuffer("SCAN", cursor, "COUNT", "200")) as [Buffer, Buffer[]];
    cursor = next.toString();
    inflight.push(c.call("EVAL_RO", BATCH_SCRIPT, "0", ...keys));
    while (inflight.length >= 2) await inflight.shift();
  } while (cursor !== "0");
  await Promise.all(inflight);
  return { keys: [], note: "SCAN COUNT 200, one EVAL_RO (TYPE + MEMORY USAGE per key) per batch, two in flight, unpaced" };
}
