// A fixed-window counter per key with an injectable clock (for tests). In memory: it guards one
// process against a password-guessing burst from one address; the per-user lockout is in the store.
export interface RateLimiterOptions {
  limit: number;
  windowMs: number;
  now?: () => number;
  /** Entries kept at most, so that a flood of distinct keys cannot grow memory without bound. */
  maxKeys?: number;
}

export class RateLimiter {
  private readonly hits = new Map<string, { since: number; count: number }>();
  private readonly now: () => number;

  constructor(private readonly opts: RateLimiterOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** Milliseconds until `key` may try again, or 0 when it may now. */
  retryAfter(key: string): number {
    const e = this.hits.get(key);
    if (!e) return 0;
    const left = e.since + this.opts.windowMs - this.now();
    if (left <= 0) {
      this.hits.delete(key);
      return 0;
    }
    return e.count >= this.opts.limit ? left : 0;
  }

  hit(key: string): void {
    const now = this.now();
    const e = this.hits.get(key);
    if (!e || now - e.since >= this.opts.windowMs) {
      this.hits.delete(key);
      if (this.hits.size >= (this.opts.maxKeys ?? 10_000)) this.hits.delete(this.hits.keys().next().value as string);
      this.hits.set(key, { since: now, count: 1 });
    } else e.count++;
  }

  reset(key: string): void {
    this.hits.delete(key);
  }
}
