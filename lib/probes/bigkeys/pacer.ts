// How hard the scan may push, decided batch by batch from how the instance answers someone else:
// PING round trips on the reserved connection against a baseline taken before the scan. AIMD, as
// TCP does it: while PING stays within baseline + budget, SCAN COUNT grows by a fixed step and a
// second batch may be in flight; the moment it rises above, COUNT halves, one batch at a time, and
// the scan pauses (doubling while it stays high). Pure: the scan loop feeds it and obeys it.
//
// PING is judged by a quantile of a few samples, baseline and window alike, never by one sample:
// on a busy host single PINGs take several ms for reasons that have nothing to do with the scan
// (scheduling, GC), and a pacer that reacted to each would never move. A PING still unanswered
// long after the limit is the exception: a blocked server backs the scan off at once.

export interface PacerLimits {
  /** Allowed rise of PING over the baseline, ms. */
  latencyBudgetMs: number;
  minCount: number;
  /** Hard cap: SCAN costs the server about 1 µs per key it returns (measured on Redis 7.0), and
   * it runs in one go: at 500 one call holds other clients for about half a millisecond at most. */
  maxCount: number;
  initialCount: number;
  /** Additive increase per good batch. */
  step: number;
  /** Batches in flight at most (the next SCAN overlapping the previous batch's pipeline). */
  maxDepth: number;
  basePauseMs: number;
  maxPauseMs: number;
  /** A batch whose round trip takes longer than this shrinks COUNT in proportion (progress and cancel stay prompt). */
  targetBatchMs: number;
  /** Good decisions in a row before a second batch may be in flight again. */
  goodStreakForDepth: number;
  /** PINGs needed before a decision; with fewer the pacer holds. */
  minSamples: number;
  /** The quantile of baseline and window samples that is compared (0.75: robust to stray outliers). */
  quantile: number;
  /** A PING unanswered this long is a blocked server: back off without waiting for samples. */
  blockedMs: number;
}

export const DEFAULT_PACER_LIMITS: PacerLimits = {
  latencyBudgetMs: 1,
  minCount: 10,
  maxCount: 500,
  initialCount: 100,
  step: 50,
  maxDepth: 2,
  basePauseMs: 10,
  maxPauseMs: 1_000,
  targetBatchMs: 100,
  goodStreakForDepth: 3,
  minSamples: 5,
  quantile: 0.75,
  blockedMs: 50,
};

export interface PacerDecision {
  count: number;
  depth: number;
  pauseMs: number;
}

export interface PacerStats {
  /** The baseline samples' quantile. */
  baselineMs: number;
  maxPingMs: number;
  pings: number;
  backoffs: number;
  pausedMs: number;
}

/** The q-quantile of samples (nearest rank); NaN for none. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export class Pacer {
  private count: number;
  private depth = 1;
  private pauseMs = 0;
  private goodStreak = 0;
  /** PINGs since the last decision. */
  private window: number[] = [];
  private blocked = false;
  private lastBatch: { keys: number; durationMs: number } | undefined;
  private readonly stats: PacerStats;
  readonly limits: PacerLimits;

  /** `baselineSamples`: PINGs taken before the scan, on the same connection. */
  constructor(baselineSamples: readonly number[], limits: Partial<PacerLimits> = {}) {
    this.limits = { ...DEFAULT_PACER_LIMITS, ...limits };
    if (baselineSamples.length === 0) throw new RangeError("Pacer: need baseline PING samples");
    const baselineMs = quantile(baselineSamples, this.limits.quantile);
    const { minCount, maxCount, initialCount } = this.limits;
    if (!(minCount >= 1 && minCount <= maxCount)) throw new RangeError("Pacer: need 1 <= minCount <= maxCount");
    this.count = clamp(initialCount, minCount, maxCount);
    this.stats = { baselineMs, maxPingMs: 0, pings: 0, backoffs: 0, pausedMs: 0 };
  }

  /** PING above this is the instance slowing down for everyone. */
  get limitMs(): number {
    return this.stats.baselineMs + this.limits.latencyBudgetMs;
  }

  observePing(ms: number): void {
    this.stats.pings++;
    this.stats.maxPingMs = Math.max(this.stats.maxPingMs, ms);
    this.window.push(ms);
  }

  /** A PING still unanswered after `ms`: past blockedMs the server is blocked and must not look idle. */
  observePending(ms: number): void {
    if (ms >= Math.max(this.limits.blockedMs, this.limitMs)) this.blocked = true;
  }

  observeBatch(keys: number, durationMs: number): void {
    this.lastBatch = { keys, durationMs };
  }

  /** The next batch's COUNT, batches in flight and pause before it. */
  next(): PacerDecision {
    const l = this.limits;
    let verdict: "slow" | "good" | "hold" = "hold";
    if (this.blocked) verdict = "slow";
    else if (this.window.length >= l.minSamples) verdict = quantile(this.window, l.quantile) > this.limitMs ? "slow" : "good";
    if (verdict !== "hold") {
      this.window = [];
      this.blocked = false;
    }
    if (verdict === "slow") {
      this.count = Math.max(l.minCount, Math.floor(this.count / 2));
      this.depth = 1;
      this.goodStreak = 0;
      this.pauseMs = Math.min(l.maxPauseMs, Math.max(l.basePauseMs, this.pauseMs * 2));
      this.stats.backoffs++;
    } else if (verdict === "good") {
      this.goodStreak++;
      // Leave the pause first; only a scan that no longer pauses grows.
      if (this.pauseMs > 0) this.pauseMs = this.pauseMs / 2 < l.basePauseMs ? 0 : Math.round(this.pauseMs / 2);
      else if (!this.slowBatch()) this.count = Math.min(l.maxCount, this.count + l.step);
      if (this.goodStreak >= l.goodStreakForDepth) this.depth = l.maxDepth;
    }
    // Too few PINGs since the last decision: hold (pause included), never grow blind.
    this.capToBatchTarget();
    this.stats.pausedMs += this.pauseMs;
    return { count: this.count, depth: this.depth, pauseMs: this.pauseMs };
  }

  snapshot(): PacerStats & PacerDecision {
    return { ...this.stats, count: this.count, depth: this.depth, pauseMs: this.pauseMs };
  }

  private slowBatch(): boolean {
    return this.lastBatch !== undefined && this.lastBatch.durationMs > this.limits.targetBatchMs;
  }

  private capToBatchTarget(): void {
    const b = this.lastBatch;
    if (!b || b.keys === 0 || b.durationMs <= this.limits.targetBatchMs) return;
    const perKey = b.durationMs / b.keys;
    this.count = clamp(Math.floor(this.limits.targetBatchMs / perKey), this.limits.minCount, this.count);
  }
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
