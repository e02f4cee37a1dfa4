// Gathers a TriageInput for one instance and ranks the playbooks: health, the cheap probes and the
// sampler's history all at once, each bounded so the whole call stays under TRIAGE_BUDGET_MS even
// when Redis is blocked, refusing connections or gone. A part that does not answer in time becomes a
// classified error on its result: a server too busy to answer is evidence too.
import "server-only";
import { getInstanceHealth } from "@/lib/metrics/health-service";
import type { InstanceHealth } from "@/lib/metrics/instance-health";
import { toProbeError } from "@/lib/probes/context";
import { getProbe } from "@/lib/probes/registry";
import { runProbe } from "@/lib/probes/run-probe";
import type { ProbeError, ProbeResult } from "@/lib/probes/types";
import type { InstanceConnectionConfig } from "@/lib/store/instances-repo";
import { logger } from "@/lib/log/logger";
import { rankPlaybooks, type TriageResult } from "./rank-playbooks";
import type { TriageHistory, TriageInput } from "./triage-input";
import { readTriageHistory } from "./triage-history";
import { TRIAGE_PROBES, type TriageProbeSpec } from "./triage-probes";

/** The I/O phase's budget; ranking takes microseconds, so a response stays under 3 s. */
export const TRIAGE_BUDGET_MS = 2_500;
/** Kept back from each probe's deadline so it can return what it has before the hard stop. */
const PROBE_MARGIN_MS = 300;

export interface TriageOptions {
  budgetMs?: number;
  signal?: AbortSignal;
  /** Tests pass history (or null for none); by default the process's sampler is read. */
  history?: TriageHistory | null;
}

/** Resolves with `work`'s value, or with `late()` once `ms` have passed (or when `work` fails). */
function bounded<T>(work: Promise<T>, ms: number, late: () => T): Promise<T> {
  return new Promise<T>((resolve) => {
    const timer = setTimeout(() => resolve(late()), ms);
    work.then(
      (v) => (clearTimeout(timer), resolve(v)),
      () => (clearTimeout(timer), resolve(late())),
    );
  });
}

function timedOut(spec: TriageProbeSpec, instanceId: string, startedAt: number, budgetMs: number): ProbeResult {
  return {
    probeId: spec.id,
    instanceId,
    startedAt: new Date(startedAt).toISOString(),
    durationMs: budgetMs,
    data: null,
    findings: [],
    commands: [],
    partial: true,
    error: { code: "probe_failed", message: `No answer within triage's ${budgetMs} ms budget` },
  };
}

async function runTriageProbe(spec: TriageProbeSpec, config: InstanceConnectionConfig, budgetMs: number, signal?: AbortSignal): Promise<ProbeResult | undefined> {
  const probe = getProbe(spec.id);
  if (!probe) return undefined;
  const params = probe.params.safeParse(spec.params);
  if (!params.success) {
    logger.warn({ probe: spec.id, issues: params.error.issues.length }, "triage skipped a probe whose parameters changed");
    return undefined;
  }
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  signal?.addEventListener("abort", onAbort, { once: true });
  const startedAt = Date.now();
  try {
    return await bounded(
      runProbe(probe, config, params.data, { signal: controller.signal, budgetMs: budgetMs - PROBE_MARGIN_MS }) as Promise<ProbeResult>,
      budgetMs,
      () => {
        controller.abort();
        return timedOut(spec, config.id, startedAt, budgetMs);
      },
    );
  } finally {
    signal?.removeEventListener("abort", onAbort);
  }
}

async function readHealth(config: InstanceConnectionConfig, budgetMs: number): Promise<{ health: InstanceHealth | null; failure?: ProbeError }> {
  return bounded<{ health: InstanceHealth | null; failure?: ProbeError }>(
    getInstanceHealth(config).then(
      (health) => ({ health }),
      (err: unknown) => ({ health: null, failure: toProbeError(err) }),
    ),
    budgetMs,
    () => ({ health: null, failure: { code: "redis_timeout", message: `Health did not answer within ${budgetMs} ms` } }),
  );
}

export async function gatherTriageInput(config: InstanceConnectionConfig, opts: TriageOptions = {}): Promise<TriageInput> {
  const budgetMs = opts.budgetMs ?? TRIAGE_BUDGET_MS;
  const now = Date.now();
  const [healthPart, history, ...results] = await Promise.all([
    readHealth(config, budgetMs),
    opts.history !== undefined ? Promise.resolve(opts.history ?? undefined) : bounded(readTriageHistory(config.id, now), budgetMs, () => undefined),
    ...TRIAGE_PROBES.map((spec) => runTriageProbe(spec, config, budgetMs, opts.signal)),
  ]);
  const probes: Record<string, ProbeResult> = {};
  results.forEach((r, i) => {
    if (r) probes[TRIAGE_PROBES[i]!.id] = r;
  });
  return { instanceId: config.id, now, health: healthPart.health, ...(healthPart.failure ? { failure: healthPart.failure } : {}), probes, ...(history ? { history } : {}) };
}

export async function runTriage(config: InstanceConnectionConfig, opts: TriageOptions = {}): Promise<TriageResult & { input: TriageInput }> {
  const started = performance.now();
  const input = await gatherTriageInput(config, opts);
  const ranked = rankPlaybooks(input);
  const durationMs = Math.round(performance.now() - started);
  logger.info(
    {
      instanceId: config.id,
      durationMs,
      top: ranked[0] ? `${ranked[0].playbookId}:${ranked[0].score}` : "none",
      probes: Object.fromEntries(Object.entries(input.probes).map(([id, r]) => [id, r.error ? r.error.code : Math.round(r.durationMs)])),
    },
    "triage ran",
  );
  return { instanceId: config.id, ranAt: new Date(input.now).toISOString(), durationMs, ranked, input };
}
