// The per-address sign-in limiter under a fake clock.
import { describe, expect, it } from "vitest";
import { RateLimiter } from "./rate-limiter";

describe("RateLimiter", () => {
  it("refuses after the limit until the window ends", () => {
    let now = 1_000;
    const rl = new RateLimiter({ limit: 3, windowMs: 60_000, now: () => now });
    for (let i = 0; i < 3; i++) {
      expect(rl.retryAfter("ip")).toBe(0);
      rl.hit("ip");
    }
    expect(rl.retryAfter("ip")).toBe(60_000);
    expect(rl.retryAfter("other")).toBe(0);
    now += 59_999;
    expect(rl.retryAfter("ip")).toBe(1);
    now += 1;
    expect(rl.retryAfter("ip")).toBe(0);
    rl.hit("ip");
    expect(rl.retryAfter("ip")).toBe(0);
  });
  it("forgets a key on reset and bounds the number of keys", () => {
    const rl = new RateLimiter({ limit: 1, windowMs: 60_000, now: () => 0, maxKeys: 2 });
    rl.hit("a");
    expect(rl.retryAfter("a")).toBeGreaterThan(0);
    rl.reset("a");
    expect(rl.retryAfter("a")).toBe(0);
    rl.hit("a");
    rl.hit("b");
    rl.hit("c");
    expect(rl.retryAfter("a")).toBe(0);
    expect(rl.retryAfter("c")).toBeGreaterThan(0);
  });
});
