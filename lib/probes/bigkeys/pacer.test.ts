import { describe, expect, it } from "vitest";
import { Pacer, quantile } from "./pacer";

/** Baseline PINGs around 0.2 ms: the limit is 1.2 ms with the default 1 ms budget. */
const BASELINE = [0.2, 0.2, 0.2, 0.2, 0.2];

/** One batch's worth of feedback (enough PINGs for a verdict), then the decision for the next one. */
function step(p: Pacer, pingMs: number, batch = { keys: 100, durationMs: 5 }) {
  for (let i = 0; i < p.limits.minSamples; i++) p.observePing(pingMs);
  p.observeBatch(batch.keys, batch.durationMs);
  return p.next();
}

describe("quantile", () => {
  it("takes the nearest rank", () => {
    expect(quantile([5, 1, 4, 2, 3], 0.5)).toBe(3);
    expect(quantile([1, 2, 3, 4], 0.75)).toBe(3);
    expect(quantile([7], 0.99)).toBe(7);
    expect(quantile([], 0.5)).toBeNaN();
  });
});

describe("Pacer", () => {
  it("grows COUNT by a fixed step while PING stays within baseline + budget, up to the cap", () => {
    const p = new Pacer(BASELINE, { initialCount: 100, step: 50, maxCount: 300 });
    expect(step(p, 0.3).count).toBe(150);
    expect(step(p, 0.5).count).toBe(200);
    expect(step(p, 1.2).count).toBe(250);
    for (let i = 0; i < 10; i++) step(p, 0.3);
    expect(p.next().count).toBe(300);
  });

  it("allows a second batch in flight only after a streak of good verdicts", () => {
    const p = new Pacer(BASELINE, { goodStreakForDepth: 3 });
    expect(step(p, 0.3).depth).toBe(1);
    expect(step(p, 0.3).depth).toBe(1);
    expect(step(p, 0.3).depth).toBe(2);
  });

  it("halves COUNT, drops to one batch in flight and pauses when PING rises above the budget", () => {
    const p = new Pacer(BASELINE, { initialCount: 400, basePauseMs: 10, goodStreakForDepth: 1 });
    expect(step(p, 0.3)).toMatchObject({ count: 450, depth: 2, pauseMs: 0 });
    expect(step(p, 1.5)).toEqual({ count: 225, depth: 1, pauseMs: 10 });
    expect(step(p, 3)).toEqual({ count: 112, depth: 1, pauseMs: 20 });
    expect(p.snapshot()).toMatchObject({ backoffs: 2, maxPingMs: 3 });
  });

  it("ignores stray slow PINGs: the window's quantile decides, not its worst sample", () => {
    const p = new Pacer(BASELINE, { initialCount: 100, minSamples: 5 });
    for (const ms of [0.3, 0.2, 25, 0.3, 0.2]) p.observePing(ms);
    expect(p.next().count).toBe(150);
    expect(p.snapshot().maxPingMs).toBe(25);
  });

  it("takes the baseline's quantile, so a noisy host gets a matching limit", () => {
    const p = new Pacer([0.3, 0.4, 0.5, 2, 0.4, 0.6, 0.5, 0.4]);
    expect(p.limitMs).toBeCloseTo(1.5);
  });

  it("leaves the pause before growing again", () => {
    const p = new Pacer(BASELINE, { initialCount: 400, basePauseMs: 10 });
    step(p, 5);
    step(p, 5); // pause 20
    expect(step(p, 0.3)).toMatchObject({ count: 100, pauseMs: 10 });
    expect(step(p, 0.3)).toMatchObject({ count: 100, pauseMs: 0 });
    expect(step(p, 0.3).count).toBe(150);
  });

  it("never goes below minCount nor pauses beyond maxPauseMs", () => {
    const p = new Pacer(BASELINE, { initialCount: 40, minCount: 10, maxPauseMs: 100 });
    let d = p.next();
    for (let i = 0; i < 20; i++) d = step(p, 50);
    expect(d).toEqual({ count: 10, depth: 1, pauseMs: 100 });
  });

  it("holds, pause included, until enough PINGs came back for a verdict", () => {
    const p = new Pacer(BASELINE, { initialCount: 100, minSamples: 5 });
    step(p, 9); // back off: count 50, pause 10
    p.observePing(0.2);
    p.observePing(0.2);
    expect(p.next()).toMatchObject({ count: 50, pauseMs: 10 });
  });

  it("backs off at once when a PING stays unanswered past blockedMs", () => {
    const p = new Pacer(BASELINE, { initialCount: 100, blockedMs: 50 });
    p.observePending(0.5);
    expect(p.next().count).toBe(100);
    p.observePending(60);
    expect(p.next()).toMatchObject({ count: 50, depth: 1 });
  });

  it("shrinks COUNT so one batch's round trip stays near the target", () => {
    const p = new Pacer(BASELINE, { initialCount: 1000, maxCount: 1000, targetBatchMs: 100 });
    expect(step(p, 0.3, { keys: 1000, durationMs: 400 }).count).toBe(250);
  });

  it("does not grow while batches are slower than the target", () => {
    const p = new Pacer(BASELINE, { initialCount: 200, targetBatchMs: 100 });
    expect(step(p, 0.3, { keys: 200, durationMs: 100.5 }).count).toBe(199);
  });
});
