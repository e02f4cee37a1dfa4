// Zipf-distributed key ranks: real caches see a few keys get most reads and a long tail get a
// few. Precomputed CDF + binary search, so drawing a rank is O(log n) with no allocation.
export class ZipfSampler {
  private readonly cdf: Float64Array;

  /** Ranks 0..n-1; rank r has weight 1 / (r + 1)^s. */
  constructor(n: number, s: number) {
    if (!(n >= 1) || !(s > 0)) throw new Error(`ZipfSampler: need n >= 1 and s > 0 (got n=${n}, s=${s})`);
    this.cdf = new Float64Array(n);
    let sum = 0;
    for (let r = 0; r < n; r++) this.cdf[r] = sum += 1 / Math.pow(r + 1, s);
    for (let r = 0; r < n; r++) this.cdf[r] /= sum;
  }

  /** Probability of rank r. */
  probability(r: number): number {
    return this.cdf[r] - (r === 0 ? 0 : this.cdf[r - 1]);
  }

  /** `u` in [0, 1) (Math.random() by default). */
  next(u: number = Math.random()): number {
    let lo = 0;
    let hi = this.cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cdf[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
