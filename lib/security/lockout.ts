// Per-user lockout policy, pure so that it can be tested with a fake clock: LOCK_AFTER failures
// within WINDOW_MS lock the account for LOCK_MS. Counters are kept with the user in the store.
export const LOCK_AFTER = 5;
export const WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 15 * 60_000;

export interface FailureState {
  failedCount: number;
  failedSince: number | null;
  lockedUntil: number | null;
}

export function isLocked(s: FailureState, now: number): boolean {
  return s.lockedUntil !== null && s.lockedUntil > now;
}

/** The state after one more failed sign-in at `now`. */
export function afterFailure(s: FailureState, now: number): FailureState {
  const fresh = s.failedSince === null || now - s.failedSince >= WINDOW_MS;
  const failedCount = fresh ? 1 : s.failedCount + 1;
  const failedSince = fresh ? now : s.failedSince;
  if (failedCount >= LOCK_AFTER) return { failedCount: 0, failedSince: null, lockedUntil: now + LOCK_MS };
  return { failedCount, failedSince, lockedUntil: null };
}

export const CLEARED: FailureState = { failedCount: 0, failedSince: null, lockedUntil: null };
