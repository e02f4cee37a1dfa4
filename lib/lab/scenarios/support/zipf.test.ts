// The Zipf sampler behind the hot-key scenario's background reads: skewed as configured.
import { describe, expect, it } from "vitest";
import { ZipfSampler } from "./zipf";

describe("ZipfSampler", () => {
  it("gives rank 0 the largest share and follows 1/r^s", () => {
    const z = new ZipfSampler(10_000, 1.1);
    expect(z.probability(0)).toBeGreaterThan(z.probability(1));
    expect(z.probability(0) / z.probability(9)).toBeCloseTo(Math.pow(10, 1.1), 5);
  });

  it("maps the unit interval onto every rank, in order", () => {
    const z = new ZipfSampler(100, 1.1);
    expect(z.next(0)).toBe(0);
    expect(z.next(0.999_999_999)).toBe(99);
    expect(z.next(0.5)).toBeLessThanOrEqual(z.next(0.9));
  });

  it("draws roughly the expected share for the top rank", () => {
    const z = new ZipfSampler(1_000, 1.1);
    let top = 0;
    for (let i = 0; i < 20_000; i++) if (z.next() === 0) top++;
    expect(top / 20_000).toBeGreaterThan(z.probability(0) * 0.8);
    expect(top / 20_000).toBeLessThan(z.probability(0) * 1.2);
  });

  it("rejects nonsense parameters", () => {
    expect(() => new ZipfSampler(0, 1.1)).toThrow();
    expect(() => new ZipfSampler(10, 0)).toThrow();
  });
});
