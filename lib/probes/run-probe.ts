// Runs one probe against an instance and returns a ProbeResult: never throws for Redis failures,
// which become a classified `error` on the result (they are evidence too).
import "server-only";
import type { InstanceConnectionConfig } from "@/lib/store/instances-repo";
import { getConnectionManager } from "@/lib/redis/connection-manager";
import { observeProbe } from "@/lib/metrics/prometheus-registry";
import { createProbeContext, toProbeError } from "./context";
import type { Probe } from "./probe";
import type { ProbeProgress, ProbeResult } from "./types";

// Above the longest sampling window a probe accepts (latency: 10 s), so a full window is not cut short.
export const DEFAULT_PROBE_BUDGET_MS = 15_000;

export async function runProbe<P, D>(
  probe: Probe<P, D>,
  config: InstanceConnectionConfig,
  params: P,
  opts: { signal?: AbortSignal; budgetMs?: number; onProgress?: (p: ProbeProgress) => void } = {},
): Promise<ProbeResult<D | null>> {
  const started = Date.now();
  const t0 = performance.now();
  const conns = getConnectionManager().forInstance(config);
  const ctx = createProbeContext(conns, { signal: opts.signal ?? new AbortController().signal, budgetMs: opts.budgetMs ?? probe.budgetMs?.(params) ?? DEFAULT_PROBE_BUDGET_MS, onProgress: opts.onProgress });
  const base = { probeId: probe.id, instanceId: config.id, startedAt: new Date(started).toISOString(), commands: ctx.log };
  let result: ProbeResult<D | null>;
  try {
    const out = await probe.run(ctx, params);
    result = { ...base, durationMs: elapsed(t0), data: out.data, findings: out.findings, partial: Boolean(out.partial) };
  } catch (err) {
    result = { ...base, durationMs: elapsed(t0), data: null, findings: [], partial: true, error: toProbeError(err) };
  }
  observeProbe(probe.id, result.durationMs, Boolean(result.error));
  return result;
}

function elapsed(t0: number): number {
  return Math.round((performance.now() - t0) * 10) / 10;
}
