// Probe: PING round trips on the probe connection for a bounded time (like `redis-cli --latency`),
// with percentiles, the --latency-dist histogram and the spikes Redis itself recorded (LATENCY LATEST).
import "server-only";
import { z } from "zod";
import { parseLatencyLatest } from "@/lib/parse/latency";
import type { CommandRunner } from "@/lib/redis/command-runner";
import type { ProbeContext } from "./context";
import type { Finding } from "./finding";
import { latencyHistogram, summarizeLatency, type LatencyBucket, type LatencySummary } from "./latency-stats";
import { defineProbe } from "./probe";
import { atNode, mergeByCode, ruleById, ruleFindings } from "./probe-findings";
import { sleep, throwIfAllFailed } from "./probe-support";

/** latency.ping-high: the rule's PING threshold, compared with the sampled p99. */
const PING_RULE = ruleById("ping-slow");
/** Time kept back from the probe's deadline for LATENCY LATEST and the reply. */
const DEADLINE_MARGIN_MS = 500;

export interface LatencyRow extends Partial<LatencySummary> {
  node: string;
  /** PINGs that failed or timed out after sampling started (sampling stops at the first). */
  failed: number;
  /** Stopped early: deadline, cancellation or a failed PING. */
  partial: boolean;
  error?: { code: string; message: string };
}

export interface LatencyData {
  summary: { nodes: number; samples: number; worstP99Ms: number | null; events: number };
  rows: LatencyRow[];
  histogram: Array<LatencyBucket & { node: string }>;
  events: Array<{ node: string; event: string; time: string; latestMs: number; maxMs: number }>;
}

interface Sampled {
  samplesUs: number[];
  failed: number;
  partial: boolean;
}

async function samplePings(ctx: ProbeContext, runner: CommandRunner, durationMs: number, intervalMs: number): Promise<Sampled> {
  const start = Date.now();
  const stopAt = Math.min(start + durationMs, ctx.deadline - DEADLINE_MARGIN_MS);
  const samplesUs: number[] = [];
  let failed = 0;
  let partial = false;
  for (;;) {
    if (ctx.signal.aborted || Date.now() >= stopAt) {
      partial = ctx.signal.aborted || Date.now() < start + durationMs;
      break;
    }
    const t0 = process.hrtime.bigint();
    try {
      await runner.call(["PING"]);
    } catch (err) {
      if (samplesUs.length === 0) throw err;
      failed++;
      partial = true;
      break;
    }
    samplesUs.push(Number(process.hrtime.bigint() - t0) / 1000);
    await sleep(Math.min(intervalMs, stopAt - Date.now()), ctx.signal);
  }
  compactPingRecords(ctx, runner.node, samplesUs);
  return { samplesUs, failed, partial };
}

/**
 * Hundreds of identical PING records would drown the evidence: keep one per node with the total time
 * (failed PINGs keep their own record). Matched by node, not by index: other nodes sample concurrently
 * and compact the same log.
 */
function compactPingRecords(ctx: ProbeContext, node: string, samplesUs: number[]): void {
  const isPing = (i: number) => ctx.log[i]!.node === node && ctx.log[i]!.argv[0] === "PING" && !ctx.log[i]!.error;
  let first = -1;
  for (let i = ctx.log.length - 1; i >= 0; i--) {
    if (!isPing(i)) continue;
    if (first >= 0) ctx.log.splice(first, 1);
    first = i;
  }
  if (first >= 0) ctx.log[first] = { argv: ["PING"], node, durationMs: Math.round(samplesUs.reduce((s, v) => s + v, 0)) / 1000, count: samplesUs.length };
}

export const latencyProbe = defineProbe({
  id: "latency",
  title: "Latency",
  description: "PING round trips for a few seconds (min, p50, p99, max, histogram) and the latency spikes Redis recorded.",
  cost: "sampling",
  redisCli: "redis-cli --latency --raw -i 2 && redis-cli LATENCY LATEST   # histogram: redis-cli --latency-dist",
  params: z
    .object({
      durationMs: z.number().int().min(100).max(10_000).default(2_000).describe("How long to send PINGs, per node"),
      intervalMs: z.number().int().min(1).max(1_000).default(10).describe("Pause between PINGs"),
    })
    .strict(),
  async run(ctx, params) {
    const outcomes = await ctx.forEachNode(async (runner, node) => {
      const sampled = await samplePings(ctx, runner, params.durationMs, params.intervalMs);
      let events: LatencyData["events"] = [];
      try {
        events = parseLatencyLatest(await runner.call(["LATENCY", "LATEST"])).map((e) => ({
          node: node.address,
          event: e.event,
          time: new Date(e.timestamp * 1000).toISOString(),
          latestMs: e.latestMs,
          maxMs: e.maxMs,
        }));
      } catch (err) {
        // LATENCY may be renamed away or denied; the PING figures still stand.
        if ((err as { code?: string }).code !== "redis_command_disabled") throw err;
      }
      return { ...sampled, events };
    });
    throwIfAllFailed(outcomes);

    const findings: Finding[] = [];
    const rows: LatencyRow[] = [];
    const histogram: LatencyData["histogram"] = [];
    for (const o of outcomes) {
      const node = o.node.address;
      if (!o.value) {
        rows.push({ node, failed: 0, partial: true, error: o.error });
        continue;
      }
      const summary = summarizeLatency(o.value.samplesUs);
      rows.push({ node, ...summary, failed: o.value.failed, partial: o.value.partial });
      histogram.push(...latencyHistogram(o.value.samplesUs).map((b) => ({ node, ...b })));
      findings.push(...atNode(ruleFindings([PING_RULE.findingCode], { [PING_RULE.signal]: summary.p99Ms }, { percentile: "p99", samples: summary.samples }), node));
      const worst = o.value.events.reduce<LatencyData["events"][number] | undefined>((w, e) => (!w || e.maxMs > w.maxMs ? e : w), undefined);
      if (worst) {
        findings.push({
          code: "latency.event",
          severity: "info",
          message: `Redis recorded ${o.value.events.length} latency event type(s); worst "${worst.event}" peaked at ${worst.maxMs} ms`,
          evidence: { node, event: worst.event, latestMs: worst.latestMs, maxMs: worst.maxMs, time: worst.time, events: o.value.events.length },
        });
      }
    }
    const events = outcomes.flatMap((o) => o.value?.events ?? []);
    const p99s = rows.flatMap((r) => (r.p99Ms === undefined ? [] : [r.p99Ms]));
    const data: LatencyData = {
      summary: { nodes: rows.length, samples: rows.reduce((s, r) => s + (r.samples ?? 0), 0), worstP99Ms: p99s.length ? Math.max(...p99s) : null, events: events.length },
      rows,
      histogram,
      events,
    };
    return { data, findings: mergeByCode(findings), partial: rows.some((r) => r.partial || r.error) };
  },
});
