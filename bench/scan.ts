// Benchmark: Redline's big-key scan against redis-cli --bigkeys and --memkeys on one lab server
// holding `keys` keys of mixed types with planted big keys. Tools run alternately, `rounds` times;
// before each, the same concurrent load runs alone (the no-scan baseline of that moment: the host
// may be shared), then during the tool: GET/SET every millisecond from a separate process.
// Per run: wall time, keys/s, the load's p50/p99/max, server CPU, new SLOWLOG entries, recall of
// the planted keys.
//   node --conditions=react-server --import tsx bench/scan.ts [--keys 1000000] [--rounds 2] [--idle-ms 5000] [--skip-unpaced] [--experiments] [--json]
import type { Redis } from "ioredis";
import { createLabClient, startStandalone, type RedisProcess } from "@/lib/lab";
import { getConnectionManager } from "@/lib/redis/connection-manager";
import { benchMain, progress } from "./lib/bench-main";
import { Load, type WindowReport } from "./lib/load";
import type { SummaryRow } from "./lib/report";
import { serverCost, type ServerCost } from "./lib/server-stats";
import { median, ratio, round } from "./lib/stats";
import { fillKeyspace, PLANTED, recall } from "./scan/dataset";
import { bareIoredis, cli, evalRoBatches, redline, type ToolRun } from "./scan/tools";

/** Allowed rise of the concurrent client's p99 over the no-scan baseline (the target). */
const P99_BUDGET_MS = 1;
const SPEED_TARGET = 5;

interface Tool {
  name: string;
  /** Runs in this process (its CPU is the tool's); redis-cli runs in its own. */
  inProcess?: boolean;
  run: (node: RedisProcess, admin: Redis) => Promise<ToolRun>;
}

interface Run {
  tool: string;
  round: number;
  wallMs: number;
  keysPerSec: number;
  baseline: WindowReport["latencyMs"];
  during: WindowReport["latencyMs"];
  p99RiseMs: number | null;
  server: ServerCost;
  /** This process's CPU per key (user + system): Redline's own cost, for the in-process tools. */
  clientCpuUsPerKey: number | null;
  recall: ReturnType<typeof recall>;
  recallBiggestOfType: ReturnType<typeof recall>;
  note?: string;
  probe?: ToolRun["probe"];
}

async function measure(load: Load, admin: Redis, node: RedisProcess, tool: Tool, round_: number, keys: number, idleMs: number): Promise<Run> {
  const baseline = await load.idle(idleMs);
  let wallMs = 0;
  let cpu = { user: 0, system: 0 };
  const { value, cost } = await serverCost(admin, () =>
    load.during(async () => {
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const r = await tool.run(node, admin);
      wallMs = performance.now() - t0;
      cpu = process.cpuUsage(cpu0);
      return r;
    }),
  );
  const run = value.value;
  const during = value.load.latencyMs;
  return {
    tool: tool.name,
    round: round_,
    wallMs: Math.round(wallMs),
    keysPerSec: Math.round((keys / wallMs) * 1000),
    baseline: baseline.latencyMs,
    during,
    p99RiseMs: during.p99 !== null && baseline.latencyMs.p99 !== null ? round(during.p99 - baseline.latencyMs.p99) : null,
    server: cost,
    clientCpuUsPerKey: tool.inProcess ? round((cpu.user + cpu.system) / keys, 2) : null,
    recall: recall(run.keys),
    recallBiggestOfType: recall(run.keys, true),
    ...(run.note ? { note: run.note } : {}),
    ...(run.probe ? { probe: run.probe } : {}),
  };
}

function aggregate(runs: Run[], tool: string, keys: number) {
  const mine = runs.filter((r) => r.tool === tool);
  if (mine.length === 0) return undefined;
  const worst = (f: (r: Run) => number | null) => Math.max(...mine.map((r) => f(r) ?? Number.NaN));
  return {
    wallMs: Math.round(median(mine.map((r) => r.wallMs))!),
    // From the median wall time, so the two figures describe the same run.
    keysPerSec: Math.round((keys / median(mine.map((r) => r.wallMs))!) * 1000),
    baselineP99: round(median(mine.map((r) => r.baseline.p99 ?? Number.NaN))),
    duringP99: worst((r) => r.during.p99),
    p99Rise: worst((r) => r.p99RiseMs),
    maxDuring: worst((r) => r.during.max),
    cpu: round(median(mine.map((r) => r.server.cpuSeconds))!)!,
    clientCpuUsPerKey: mine[0]!.clientCpuUsPerKey === null ? null : round(median(mine.map((r) => r.clientCpuUsPerKey!)), 2),
    slowlog: worst((r) => r.server.slowlogEntries),
    recall: Math.min(...mine.map((r) => r.recall.found)),
    recallBiggest: Math.min(...mine.map((r) => r.recallBiggestOfType.found)),
  };
}

const REDLINE = "redline bigkeys (default pacing)";
const UNPACED = "redline bigkeys (latencyBudgetMs 100: pacing off)";
const BIGKEYS = "redis-cli --bigkeys";
const MEMKEYS = "redis-cli --memkeys";

benchMain("scan", async (args) => {
  const keysWanted = args.number("keys", 1_000_000);
  const rounds = args.number("rounds", 2);
  const idleMs = args.number("idle-ms", 5_000);
  const tools: Tool[] = [
    { name: REDLINE, inProcess: true, run: (n) => redline(n, {}) },
    ...(args.has("skip-unpaced") ? [] : [{ name: UNPACED, inProcess: true, run: (n: RedisProcess) => redline(n, { latencyBudgetMs: 100 }) }]),
    { name: BIGKEYS, run: (n) => cli(n, "--bigkeys") },
    { name: MEMKEYS, run: (n) => cli(n, "--memkeys") },
    ...(args.has("experiments")
      ? [
          { name: "experiment: bare ioredis pipelines", inProcess: true, run: (_: RedisProcess, c: Redis) => bareIoredis(c) },
          { name: "experiment: EVAL_RO batches (not allowed in Redline)", inProcess: true, run: (_: RedisProcess, c: Redis) => evalRoBatches(c) },
        ]
      : []),
  ];
  const { node, stop } = await startStandalone({ args: ["--enable-debug-command", "local"] });
  const admin = createLabClient(node, { commandTimeoutMs: 300_000 });
  let load: Load | undefined;
  try {
    progress(`filling ${keysWanted} keys…`);
    const t0 = performance.now();
    const keys = await fillKeyspace(admin, keysWanted);
    const fillMs = Math.round(performance.now() - t0);
    load = await Load.start({ port: node.port, mode: "steady" });
    const runs: Run[] = [];
    for (let r = 1; r <= rounds; r++) {
      for (const tool of tools) {
        progress(`round ${r}/${rounds}: ${tool.name}…`);
        const run = await measure(load, admin, node, tool, r, keys, idleMs);
        progress(`  ${(run.wallMs / 1000).toFixed(1)} s, client CPU ${run.clientCpuUsPerKey ?? "–"} µs/key, p99 ${run.baseline.p99} → ${run.during.p99} ms, recall ${run.recall.found}/${run.recall.of}`);
        runs.push(run);
      }
    }
    const agg = Object.fromEntries(tools.map((t) => [t.name, aggregate(runs, t.name, keys)!]));
    const ref = agg[BIGKEYS]!;
    const summary: SummaryRow[] = [];
    for (const t of tools) {
      const a = agg[t.name]!;
      const isRedline = t.name === REDLINE;
      summary.push({
        metric: `${t.name}: keys/s`,
        value: a.keysPerSec,
        unit: "keys/s",
        reference: { name: "--bigkeys", value: ref.keysPerSec },
        ratio: ratio(a.keysPerSec, ref.keysPerSec),
        ...(isRedline ? { target: `≥ ${SPEED_TARGET}× --bigkeys`, met: (ratio(a.keysPerSec, ref.keysPerSec) ?? 0) >= SPEED_TARGET } : {}),
        note: `wall ${round(a.wallMs / 1000, 1)} s`,
      });
    }
    for (const t of tools) {
      const a = agg[t.name]!;
      summary.push({
        metric: `${t.name}: concurrent p99 (worst run)`,
        value: a.duringP99,
        unit: "ms",
        reference: { name: "no-scan baseline", value: a.baselineP99 },
        ratio: ratio(a.duringP99, a.baselineP99),
        target: `≤ baseline + ${P99_BUDGET_MS} ms`,
        met: a.p99Rise <= P99_BUDGET_MS,
        note: `rise ${round(a.p99Rise)} ms, max ${a.maxDuring} ms`,
      });
    }
    for (const t of tools.filter((x) => !x.name.startsWith("experiment"))) {
      const a = agg[t.name]!;
      summary.push({
        metric: `${t.name}: planted keys found`,
        value: a.recall,
        unit: `of ${PLANTED.length}`,
        target: t.name === REDLINE ? `all ${PLANTED.length}` : undefined,
        met: t.name === REDLINE ? a.recall === PLANTED.length : undefined,
        note: `biggest of each type: ${a.recallBiggest} of ${PLANTED.filter((p) => p.biggestOfType).length}`,
      });
    }
    for (const t of tools) {
      const a = agg[t.name]!;
      if (a.clientCpuUsPerKey !== null) {
        summary.push({ metric: `${t.name}: client CPU per key`, value: a.clientCpuUsPerKey, unit: "µs", note: "this Node process, user + system" });
      }
      summary.push({ metric: `${t.name}: server CPU`, value: a.cpu, unit: "s", reference: { name: "--bigkeys", value: ref.cpu }, ratio: ratio(a.cpu, ref.cpu), note: `${a.slowlog} new SLOWLOG entries` });
    }
    return {
      params: { keys, keysWanted, rounds, idleMs, planted: PLANTED, loadShape: "GET/SET every 1 ms from a separate process", p99BudgetMs: P99_BUDGET_MS },
      summary,
      details: { fillMs, aggregate: agg, runs },
    };
  } finally {
    load?.close();
    admin.disconnect();
    getConnectionManager().closeAll();
    await stop();
  }
});
