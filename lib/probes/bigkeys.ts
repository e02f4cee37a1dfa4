// Probe: the biggest keys by memory, overall and per type, on every master (or every replica): a
// paced SCAN with pipelined TYPE + MEMORY USAGE … SAMPLES 5 and length commands, that backs off when
// the instance's own latency rises, stops at a time or key budget and resumes from its cursors.
// Never KEYS, never SAMPLES 0, never a whole-collection read. Playbook: bigkey (incident 1).
import "server-only";
import { z } from "zod";
import { RedisFailure } from "@/lib/redis/classify";
import type { TopologyNode } from "@/lib/redis/topology";
import { BigkeyCollector, type BigkeyRow, type TypeRow } from "./bigkeys/collector";
import { CommandTally } from "./bigkeys/command-tally";
import { addEncodings } from "./bigkeys/encodings";
import { bigkeyFindings, bigkeyThresholds } from "./bigkeys/findings";
import { keysAtLeast, type KeysizesBucket } from "./bigkeys/keysizes";
import { scanNode, type NodeScan, type StopReason } from "./bigkeys/scan-node";
import type { ProbeContext } from "./context";
import { defineProbe } from "./probe";

/** Time for topology, baselines and the last batches beyond the scan's own budget. */
const SETUP_MS = 5_000;
/** The scan stops issuing batches this long before the probe's deadline, so the result gets out. */
const FINISH_MARGIN_MS = 1_500;
const NODE_ADDRESS = /^[A-Za-z0-9.:[\]_-]{1,300}$/;

export type BigkeysNodeRow = Omit<NodeScan, "keysizes">;

export interface BigkeysData {
  summary: {
    scanned: number;
    nodes: number;
    durationMs: number;
    keysPerSec: number;
    pausedMs: number;
    /** The worst node's, ms. */
    baselinePingMs: number | null;
    maxPingMs: number | null;
    /** 99th percentile of the reserved connection's PINGs during the scan, the worst node's. */
    p99PingMs: number | null;
    partial: boolean;
    stoppedBy?: StopReason;
  };
  /** The top N by MEMORY USAGE across all scanned nodes, biggest first. */
  rows: BigkeyRow[];
  byType: TypeRow[];
  /** Resume points of the nodes not done: pass them back as `resume`. */
  cursors: Record<string, string>;
  done: Record<string, boolean>;
  nodes: BigkeysNodeRow[];
  /** INFO keysizes (Redis 8+) per node, db and type; empty on older servers. */
  keysizes: Array<{ node: string; db: number; type: string | null; metric: string; buckets: KeysizesBucket[] }>;
}

const params = z
  .object({
    budgetMs: z.number().int().min(100).max(600_000).default(30_000).describe("Stop scanning after this long (resume from the cursors)"),
    maxKeys: z.number().int().min(1).max(50_000_000).default(1_000_000).describe("Stop after this many keys, all nodes together"),
    topN: z.number().int().min(1).max(500).default(20).describe("Biggest keys to keep, overall and per type"),
    latencyBudgetMs: z.number().min(0.1).max(100).default(1).describe("How far PING may rise over its baseline before the scan backs off"),
    typeFilter: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,32}$/, "A Redis type name")
      .optional()
      .describe("Only keys of this type (SCAN … TYPE): string, list, set, zset, hash, stream or a module type"),
    nodes: z.enum(["masters", "replicas"]).default("masters").describe("Scan the masters, or their replicas to spare the masters"),
    resume: z
      .record(z.string().regex(NODE_ADDRESS, "A node address host:port"), z.string().regex(/^\d{1,20}$/, "A SCAN cursor"))
      .optional()
      .describe("Cursors of an earlier partial run: continue exactly those nodes"),
  })
  .strict();

type Params = z.infer<typeof params>;

async function nodesToScan(ctx: ProbeContext, p: Params): Promise<{ nodes: TopologyNode[]; cluster: boolean }> {
  const topo = await ctx.topology();
  const replicas = p.nodes === "replicas";
  // Cluster replicas and a sentinel's replicas copy their master's keys: one side only. A failing
  // node stays in: its row says why it was not scanned and the result is partial.
  let nodes = topo.nodes.filter((n) => (replicas ? n.role === "replica" : n.role !== "replica"));
  if (p.resume) {
    const unknown = Object.keys(p.resume).filter((a) => !nodes.some((n) => n.address === a));
    if (unknown.length) throw new Error(`Cannot resume on ${unknown.join(", ")}: not a ${replicas ? "replica" : "master"} of this instance now`);
    nodes = nodes.filter((n) => Object.hasOwn(p.resume!, n.address));
  }
  if (nodes.length === 0) throw new Error(replicas ? "This instance has no replica to scan" : "No node to scan");
  return { nodes, cluster: topo.mode === "cluster" };
}

function worst(values: Array<number | null>): number | null {
  const v = values.filter((x): x is number => x !== null);
  return v.length ? Math.max(...v) : null;
}

const STOP_PRIORITY: StopReason[] = ["cancelled", "error", "budget", "maxKeys"];

export const bigkeysProbe = defineProbe({
  id: "bigkeys",
  title: "Big keys",
  description: "The biggest keys by memory, overall and per type, from a paced SCAN that backs off when the instance slows down.",
  cost: "bounded-scan",
  redisCli: "redis-cli --memkeys -i 0.1   # by element count: redis-cli --bigkeys -i 0.1",
  params,
  budgetMs: (p: Params) => p.budgetMs + SETUP_MS,
  async run(ctx, p) {
    const started = performance.now();
    const { nodes, cluster } = await nodesToScan(ctx, p);
    const thresholds = bigkeyThresholds();
    const collector = new BigkeyCollector(p.topN, thresholds);
    const tally = new CommandTally(ctx.log);
    const shared = {
      ctx,
      collector,
      tally,
      deadline: Math.min(Date.now() + p.budgetMs, ctx.deadline - FINISH_MARGIN_MS),
      maxKeys: p.maxKeys,
      counted: { keys: 0 },
      typeFilter: p.typeFilter,
      latencyBudgetMs: p.latencyBudgetMs,
      clusterReplica: (n: TopologyNode) => cluster && n.role === "replica",
    };
    const scans = await Promise.all(nodes.map((n) => scanNode(shared, n, p.resume?.[n.address] ?? "0")));
    const failed = scans.filter((s) => s.error && s.stoppedBy === "error");
    if (failed.length === scans.length && scans.every((s) => s.scanned === 0)) {
      const e = failed[0]!.error!;
      throw e.code === "probe_failed" ? new Error(e.message) : new RedisFailure(e.code, e.message);
    }
    if (!ctx.signal.aborted && Date.now() < ctx.deadline - 500) await addEncodings(ctx, tally, collector, nodes);

    const scanned = scans.reduce((s, n) => s + n.scanned, 0);
    const partial = scans.some((s) => !s.done);
    const stoppedBy = STOP_PRIORITY.find((r) => scans.some((s) => s.stoppedBy === r));
    const durationMs = Math.round(performance.now() - started);
    const keysizes = scans.flatMap((s) => s.keysizes.map((h) => ({ node: s.node, ...h })));
    const data: BigkeysData = {
      summary: {
        scanned,
        nodes: scans.length,
        durationMs,
        keysPerSec: durationMs > 0 ? Math.round((scanned / durationMs) * 1000) : 0,
        pausedMs: scans.reduce((s, n) => s + n.pausedMs, 0),
        baselinePingMs: worst(scans.map((s) => s.baselinePingMs)),
        maxPingMs: worst(scans.map((s) => s.maxPingMs)),
        p99PingMs: worst(scans.map((s) => s.p99PingMs)),
        partial,
        ...(stoppedBy ? { stoppedBy } : {}),
      },
      rows: collector.rows(),
      byType: collector.byType(),
      cursors: Object.fromEntries(scans.filter((s) => !s.done).map((s) => [s.node, s.cursor])),
      done: Object.fromEntries(scans.map((s) => [s.node, s.done])),
      nodes: scans.map(({ keysizes: _, ...row }) => row),
      keysizes,
    };
    const findings = bigkeyFindings({
      flagged: collector.flagged(),
      scanned,
      partial,
      stoppedBy,
      unfinishedNodes: scans.filter((s) => !s.done).length,
      ...(keysizes.length
        ? { keysizesAtThreshold: keysizes.reduce((s, h) => s + (h.type ? keysAtLeast(h, h.type === "string" ? thresholds.bytes : thresholds.elements) : 0), 0) }
        : {}),
    });
    return { data, findings, partial };
  },
});
