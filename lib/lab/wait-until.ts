// Polling with a deadline: redis readiness, replication links and cluster convergence are all
// "ask again until true", and a timeout must say what was last seen, not just "timed out".
import "server-only";

export interface WaitOptions {
  timeoutMs: number;
  intervalMs?: number;
  /** Names the condition in the timeout error. */
  what: string;
}

/** A check returns true when done, or a string describing why not yet (kept for the error). */
export type Check = () => Promise<true | string>;

export async function waitUntil(check: Check, opts: WaitOptions): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs;
  const interval = opts.intervalMs ?? 50;
  let last = "not checked yet";
  for (;;) {
    try {
      const result = await check();
      if (result === true) return;
      last = result;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    if (Date.now() >= deadline) {
      throw new Error(`Timed out after ${opts.timeoutMs} ms waiting for ${opts.what}; last: ${last}`);
    }
    await sleep(interval);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
