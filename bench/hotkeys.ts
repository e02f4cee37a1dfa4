// Benchmark: hot-key detection under a Zipf workload whose hottest keys are known (hot:0 … hot:9).
// Redline's hotkeys probe with an LFU policy (SCAN + OBJECT FREQ) and without (bounded MONITOR
// window), against redis-cli --hotkeys (LFU only: without it OBJECT FREQ fails and so does the tool).
// Per tool: top-10 recall and the throughput the workload keeps while it runs, against the same
// workload alone just before (the reference of that moment).
//   node --conditions=react-server --import tsx bench/hotkeys.ts [--filler-keys 50000] [--hot-keys 10000] [--zipf-s 1.1] [--window-ms 5000] [--json]
import type { Redis } from "ioredis";
import { createLabClient, startStandalone, type RedisProcess } from "@/lib/lab";
import type { HotkeysData } from "@/lib/probes/hotkeys";
import { getProbe } from "@/lib/probes/registry";
import { runProbe } from "@/lib/probes/run-probe";
import type { ProbeResult } from "@/lib/probes/types";
import { getConnectionManager } from "@/lib/redis/connection-manager";
import { labConfig } from "@/lib/testing/instance-config";
import { benchMain, progress } from "./lib/bench-main";
import { Load, type WindowReport } from "./lib/load";
import { hotKeys, redisCli } from "./lib/redis-cli";
import type { SummaryRow } from "./lib/report";
import { ratio } from "./lib/stats";

const TOP = 10;
const TRUTH = Array.from({ length: TOP }, (_, r) => `hot:${r}`);

interface ToolRun {
  tool: string;
  policy: string;
  wallMs: number;
  /** Back-to-back runs in the measured window. */
  runs: number;
  before: WindowReport;
  during: WindowReport;
  top: string[];
  recall: number;
  error?: string;
  note?: string;
}

async function redlineHotkeys(node: RedisProcess, params: Record<string, unknown>): Promise<{ top: string[]; note: string }> {
  const probe = getProbe("hotkeys")!;
  const r = (await runProbe(probe, labConfig(node), probe.params.parse({ top: TOP, ...params }))) as ProbeResult<HotkeysData>;
  if (r.error) throw new Error(`hotkeys failed: ${r.error.message}`);
  const n = r.data.nodes[0]!;
  const how = n.scan ? `scanned ${n.scan.scanned} keys, complete ${n.scan.complete}` : n.window ? `MONITOR ${n.window.elapsedMs} ms, ${n.window.lines} lines, ended by ${n.window.endedBy}` : "";
  return { top: r.data.rows.slice(0, TOP).map((row) => row.key), note: `method ${n.method}; ${how}` };
}

async function cliHotkeys(node: RedisProcess): Promise<{ top: string[]; note: string }> {
  const { stdout } = await redisCli(node, ["--hotkeys"]);
  return { top: hotKeys(stdout).slice(0, TOP).map((h) => h.key), note: "" };
}

/**
 * The tool runs back to back until the window is full (at least once), so a tool that takes a tenth
 * of a second is judged over as long a window as one that takes five: the throughput it costs is a
 * rate, and short windows on a shared host are mostly noise. Top-10 and wall time are the first run's.
 */
async function measure(load: Load, tool: string, policy: string, windowMs: number, fn: () => Promise<{ top: string[]; note: string }>): Promise<ToolRun> {
  const before = await load.idle(windowMs);
  let top: string[] = [];
  let note: string | undefined;
  let error: string | undefined;
  let wallMs = 0;
  let runs = 0;
  const { load: during } = await load.during(async () => {
    const t0 = performance.now();
    do {
      const t = performance.now();
      try {
        const r = await fn();
        if (runs === 0) ({ top, note } = r);
      } catch (err) {
        // The first sentence of the server's answer is the reason ("ERR An LFU maxmemory policy is not selected…").
        error = (err instanceof Error ? err.message : String(err)).replace(/^.*?failed: (Error: )?/, "").split(/(?<=\.) /)[0];
        return;
      }
      if (runs++ === 0) wallMs = Math.round(performance.now() - t);
    } while (performance.now() - t0 < windowMs);
  });
  const recall = top.filter((k) => TRUTH.includes(k)).length;
  return { tool, policy, wallMs, runs, before, during, top, recall, ...(error ? { error } : {}), ...(note ? { note } : {}) };
}

async function setPolicy(admin: Redis, policy: string): Promise<void> {
  await admin.call("CONFIG", "SET", "maxmemory-policy", policy);
}

benchMain("hotkeys", async (args) => {
  const filler = args.number("filler-keys", 50_000);
  const hotKeyCount = args.number("hot-keys", 10_000);
  const s = args.number("zipf-s", 1.1);
  const windowMs = args.number("window-ms", 5_000);
  const { node, stop } = await startStandalone({ args: ["--enable-debug-command", "local"] });
  const admin = createLabClient(node, { commandTimeoutMs: 120_000 });
  let load: Load | undefined;
  try {
    await admin.call("DEBUG", "POPULATE", String(filler), "key", "10");
    for (let i = 0; i < hotKeyCount; i += 1_000) {
      const pipe = admin.pipeline();
      for (let j = i; j < Math.min(hotKeyCount, i + 1_000); j++) pipe.set(`hot:${j}`, "v");
      await pipe.exec();
    }
    await setPolicy(admin, "allkeys-lfu");
    load = await Load.start({ port: node.port, mode: "zipf", keys: hotKeyCount, s, concurrency: 16 });
    progress(`Zipf load on ${hotKeyCount} keys (s = ${s}) over ${filler} filler keys; warming the LFU counters…`);
    await load.idle(windowMs);
    const runs: ToolRun[] = [];
    const maxKeys = Math.min(200_000, filler + hotKeyCount);
    for (const [tool, fn] of [
      ["redline hotkeys (LFU: SCAN + OBJECT FREQ)", () => redlineHotkeys(node, { maxKeys })],
      ["redis-cli --hotkeys (LFU)", () => cliHotkeys(node)],
    ] as const) {
      progress(`${tool}…`);
      runs.push(await measure(load, tool, "allkeys-lfu", windowMs, fn));
    }
    await setPolicy(admin, "noeviction");
    for (const [tool, fn] of [
      ["redline hotkeys (no LFU: MONITOR window)", () => redlineHotkeys(node, { allowMonitor: true, monitorSeconds: Math.round(windowMs / 1000), monitorMaxLines: 500_000 })],
      ["redis-cli --hotkeys (no LFU)", () => cliHotkeys(node)],
    ] as const) {
      progress(`${tool}…`);
      runs.push(await measure(load, tool, "noeviction", windowMs, fn));
    }
    const summary: SummaryRow[] = [];
    for (const r of runs) {
      summary.push({
        metric: `${r.tool}: top-${TOP} recall`,
        value: r.error ? null : r.recall,
        unit: `of ${TOP}`,
        note: r.error ? `failed: ${r.error}` : `reported ${r.top.join(" ")}`,
      });
      if (r.error) continue; // it stopped at once: no window to judge
      summary.push({
        metric: `${r.tool}: workload throughput while it runs`,
        value: r.during.opsPerSec,
        unit: "ops/s",
        reference: { name: "workload alone just before", value: r.before.opsPerSec },
        ratio: ratio(r.during.opsPerSec, r.before.opsPerSec),
        note: `one run ${r.wallMs} ms; ${r.runs} run(s) in ${r.during.ms} ms`,
      });
    }
    return { params: { fillerKeys: filler, hotKeys: hotKeyCount, zipfS: s, concurrency: 16, windowMs, truth: TRUTH }, summary, details: { runs } };
  } finally {
    load?.close();
    admin.disconnect();
    getConnectionManager().closeAll();
    await stop();
  }
});
