// Probe: which keys take the traffic, how soon they expire, and whether lookups are missing. The
// maxmemory-policy decides how (CORRECTIONS #3): with LFU, a paced SCAN + OBJECT FREQ; without it,
// only on the user's explicit request, a HOTKEYS session (Redis ≥ 8.6) or a bounded MONITOR window;
// otherwise a finding that explains the options.
import "server-only";
import { z } from "zod";
import { infoNumber, infoString, type InfoSnapshot } from "@/lib/parse/info";
import type { CommandRunner } from "@/lib/redis/command-runner";
import type { TopologyNode } from "@/lib/redis/topology";
import type { ProbeContext } from "./context";
import type { Finding } from "./finding";
import {
  hotkeyFindings,
  isLfuPolicy,
  lfuUnavailableFinding,
  markHot,
  missBurstFindings,
  missRate,
  rankByFrequency,
  rowsFromHotkeys,
  rowsFromWindow,
  type HotkeyRow,
  type HotkeySource,
  type MissRate,
} from "./hotkey-ranking";
import { scanFrequencies, type LfuScan } from "./hotkeys-lfu";
import { hasHotkeysCommand, hotkeysSession, monitorKeys, untilClientGone } from "./hotkeys-window";
import { tallyRows } from "./monitor-tally";
import { defineProbe } from "./probe";
import { atNode, mergeByCode } from "./probe-findings";
import { readConfig, readInfo, sleep, throwIfAllFailed } from "./probe-support";

/** keyspace_hits/misses are read twice at least this far apart (the probe's own work fills the gap). */
const MISS_SAMPLE_MS = 1_000;
/** Kept back from the deadline for TTLs, the second INFO and the reply. */
const DEADLINE_MARGIN_MS = 1_500;

const params = z
  .object({
    top: z.number().int().min(1).max(100).default(10).describe("Keys to report per node"),
    maxKeys: z.number().int().min(100).max(200_000).default(20_000).describe("Keys to sample with SCAN + OBJECT FREQ (LFU policies)"),
    allowMonitor: z.boolean().default(false).describe("Without LFU: run a HOTKEYS session or a bounded MONITOR window. Only when the user asks; it costs the server"),
    monitorSeconds: z.number().int().min(1).max(30).default(5).describe("Length of the MONITOR / HOTKEYS window"),
    monitorMaxLines: z.number().int().min(100).max(500_000).default(50_000).describe("MONITOR stops after this many lines"),
  })
  .strict();
type Params = z.infer<typeof params>;

export interface HotkeysNodeRow {
  node: string;
  maxmemoryPolicy: string | null;
  method: HotkeySource | "none";
  /** The server has the HOTKEYS command (Redis ≥ 8.6). */
  hotkeysCommand: boolean;
  scan: Omit<LfuScan, "samples"> | null;
  window: { lines: number; elapsedMs: number; endedBy: string; reconnected: boolean; accesses: number; keyless: number; unparsed: number; maxError: number } | null;
  session: { durationMs: number | null; sampleRatio: number | null } | null;
  /** Key accesses (or commands, for HOTKEYS) the shares are taken of. */
  sampledAccesses: number;
  missRate: MissRate | null;
  error?: { code: string; message: string };
}

export interface HotkeysData {
  summary: { nodes: number; hotKeys: number; topKey: string | null; methods: string[]; worstMissPct: number | null };
  /** Top keys per node, hottest first within a node. */
  rows: HotkeyRow[];
  nodes: HotkeysNodeRow[];
}

interface Sampled {
  method: HotkeysNodeRow["method"];
  rows: HotkeyRow[];
  sampledAccesses: number;
  scan?: HotkeysNodeRow["scan"];
  window?: HotkeysNodeRow["window"];
  session?: HotkeysNodeRow["session"];
  partial: boolean;
}

async function maxmemoryPolicy(runner: CommandRunner, info: InfoSnapshot): Promise<string> {
  const fromInfo = infoString(info, "maxmemory_policy");
  if (fromInfo !== undefined) return fromInfo;
  return (await readConfig(runner, ["maxmemory-policy"])).config["maxmemory-policy"] ?? "";
}

async function sample(ctx: ProbeContext, runner: CommandRunner, node: TopologyNode, p: Params, lfu: boolean, hotkeysCommand: boolean, info0: InfoSnapshot): Promise<Sampled> {
  const left = () => ctx.deadline - Date.now() - DEADLINE_MARGIN_MS;
  if (lfu) {
    const { samples, ...scan } = await scanFrequencies(runner, { maxKeys: p.maxKeys, deadline: Date.now() + left(), signal: ctx.signal });
    return { method: "lfu", rows: rankByFrequency(node.address, samples, p.top), sampledAccesses: 0, scan, partial: !scan.complete && scan.scanned < p.maxKeys };
  }
  if (!p.allowMonitor) return { method: "none", rows: [], sampledAccesses: 0, partial: false };
  const seconds = Math.max(1, Math.min(p.monitorSeconds, Math.floor(left() / 1000)));
  const watcher = ctx.runner(node, { allowMonitor: true });
  if (hotkeysCommand) {
    const report = await hotkeysSession(watcher, { seconds, top: p.top, signal: ctx.signal });
    const after = await readInfo(runner, ["stats"]);
    const commands = (infoNumber(after, "total_commands_processed") ?? 0) - (infoNumber(info0, "total_commands_processed") ?? 0);
    return {
      method: "hotkeys",
      rows: rowsFromHotkeys(node.address, report?.byCpuTimeUs ?? [], p.top),
      sampledAccesses: Math.max(0, commands),
      session: report ? { durationMs: report.durationMs, sampleRatio: report.sampleRatio } : null,
      partial: seconds < p.monitorSeconds,
    };
  }
  const { window, tally } = await monitorKeys(watcher, { durationMs: seconds * 1000, maxLines: p.monitorMaxLines, waitGone: untilClientGone(ctx.reserved(node)) });
  return {
    method: "monitor",
    rows: rowsFromWindow(node.address, tallyRows(tally, p.top)),
    sampledAccesses: tally.accesses,
    window: { ...window, accesses: tally.accesses, keyless: tally.keyless, unparsed: tally.unparsed, maxError: tally.maxError },
    partial: seconds < p.monitorSeconds || window.endedBy === "aborted" || window.endedBy === "closed",
  };
}

/** PTTL of the reported keys in one pipeline; binary keys are skipped (they cannot be sent back as text). */
async function withTtls(runner: CommandRunner, rows: HotkeyRow[]): Promise<HotkeyRow[]> {
  const plain = rows.filter((r) => !r.binary);
  if (plain.length === 0) return rows;
  const replies = await runner.pipeline(plain.map((r) => ["PTTL", r.key]));
  const ttl = new Map(plain.map((r, i) => [r.key, replies[i]![0] ? null : Number(replies[i]![1])]));
  return rows.map((r) => (r.binary ? r : { ...r, ttlMs: ttl.get(r.key) ?? null }));
}

export const hotkeysProbe = defineProbe({
  id: "hotkeys",
  title: "Hot keys",
  description: "The keys taking the traffic (LFU counters, or a MONITOR/HOTKEYS window on request), their TTLs, and the cache miss rate.",
  cost: "sampling",
  redisCli:
    "redis-cli CONFIG GET maxmemory-policy && redis-cli --hotkeys   # LFU policies only; otherwise, briefly: timeout 5 redis-cli MONITOR | head -n 50000",
  params,
  budgetMs: (p) => (p.allowMonitor ? p.monitorSeconds * 1000 + 10_000 : undefined),
  async run(ctx, p) {
    // Masters (or a standalone node) only: cluster replicas serve reads only for READONLY clients,
    // and a MONITOR window on every replica would multiply its cost for little.
    const outcomes = await ctx.forEachNode(async (runner, node) => {
      const t0 = performance.now();
      const info0 = await readInfo(runner, ["memory", "stats"]);
      const policy = await maxmemoryPolicy(runner, info0);
      const lfu = isLfuPolicy(policy);
      const hotkeysCommand = await hasHotkeysCommand(runner);
      const s = await sample(ctx, runner, node, p, lfu, hotkeysCommand, info0);
      const wait = MISS_SAMPLE_MS - (performance.now() - t0);
      if (wait > 0) await sleep(wait, ctx.signal);
      const info1 = await readInfo(runner, ["stats"]);
      const rate = missRate(
        { hits: infoNumber(info0, "keyspace_hits") ?? 0, misses: infoNumber(info0, "keyspace_misses") ?? 0, atMs: t0 },
        { hits: infoNumber(info1, "keyspace_hits") ?? 0, misses: infoNumber(info1, "keyspace_misses") ?? 0, atMs: performance.now() },
      );
      const rows = markHot(await withTtls(runner, s.rows), s.sampledAccesses);
      const findings: Finding[] = [...hotkeyFindings(rows, s.sampledAccesses), ...missBurstFindings(rate, node.address)];
      if (s.method === "none") findings.push(lfuUnavailableFinding(node.address, policy, hotkeysCommand));
      const row: HotkeysNodeRow = {
        node: node.address,
        maxmemoryPolicy: policy || null,
        method: s.method,
        hotkeysCommand,
        scan: s.scan ?? null,
        window: s.window ?? null,
        session: s.session ?? null,
        sampledAccesses: s.sampledAccesses,
        missRate: rate,
      };
      return { row, rows, findings: atNode(findings, node.address), partial: s.partial };
    }, (n) => n.role !== "replica");
    throwIfAllFailed(outcomes);

    const nodes: HotkeysNodeRow[] = outcomes.map(
      (o) => o.value?.row ?? { node: o.node.address, maxmemoryPolicy: null, method: "none", hotkeysCommand: false, scan: null, window: null, session: null, sampledAccesses: 0, missRate: null, error: o.error },
    );
    const rows = outcomes.flatMap((o) => o.value?.rows ?? []);
    const hot = rows.filter((r) => r.hot);
    const missPcts = nodes.flatMap((n) => (n.missRate?.missPct == null ? [] : [n.missRate.missPct]));
    const data: HotkeysData = {
      summary: {
        nodes: nodes.length,
        hotKeys: hot.length,
        topKey: hot[0]?.key ?? rows[0]?.key ?? null,
        methods: [...new Set(nodes.map((n) => n.method))],
        worstMissPct: missPcts.length ? Math.max(...missPcts) : null,
      },
      rows,
      nodes,
    };
    const partial = outcomes.some((o) => o.error || o.value?.partial);
    return { data, findings: mergeByCode(outcomes.flatMap((o) => o.value?.findings ?? [])), partial };
  },
});
