// The per-user lockout policy: five failures within 15 minutes lock the account for 15 minutes.
import { describe, expect, it } from "vitest";
import { afterFailure, CLEARED, isLocked, LOCK_AFTER, LOCK_MS, WINDOW_MS, type FailureState } from "./lockout";

describe("lockout", () => {
  it("locks on the fifth failure within the window", () => {
    let s: FailureState = CLEARED;
    for (let i = 1; i < LOCK_AFTER; i++) {
      s = afterFailure(s, i * 1000);
      expect(isLocked(s, i * 1000)).toBe(false);
    }
    s = afterFailure(s, 10_000);
    expect(isLocked(s, 10_000)).toBe(true);
    expect(isLocked(s, 10_000 + LOCK_MS - 1)).toBe(true);
    expect(isLocked(s, 10_000 + LOCK_MS)).toBe(false);
  });
  it("starts counting again once the window has passed", () => {
    let s: FailureState = CLEARED;
    for (let i = 0; i < LOCK_AFTER - 1; i++) s = afterFailure(s, 0);
    s = afterFailure(s, WINDOW_MS);
    expect(s.failedCount).toBe(1);
    expect(isLocked(s, WINDOW_MS)).toBe(false);
  });
});
