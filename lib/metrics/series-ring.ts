// Fixed-size ring buffer of one node's samples: a shared time axis and one Float32 column per series.
// Memory is bounded by construction: capacity × (8 + 4 × columns) bytes, columns capped. Pure.

/** Replicas come and go; past this many columns new keys are dropped rather than growing memory. */
export const MAX_COLUMNS = 64;

export type Point = [t: number, value: number | null];

export class SeriesRing {
  private readonly times: Float64Array;
  private readonly columns = new Map<string, Float32Array>();
  /** Next slot to write. */
  private head = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    this.times = new Float64Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Bytes held by the arrays (what the memory estimate quotes). */
  get bytes(): number {
    return this.times.byteLength + this.columns.size * this.capacity * 4;
  }

  keys(): string[] {
    return [...this.columns.keys()];
  }

  push(t: number, values: Record<string, number>): void {
    const slot = this.head;
    this.times[slot] = t;
    for (const [key, col] of this.columns) col[slot] = Object.hasOwn(values, key) ? values[key]! : Number.NaN;
    for (const key of Object.keys(values)) {
      if (this.columns.has(key) || this.columns.size >= MAX_COLUMNS) continue;
      const col = new Float32Array(this.capacity).fill(Number.NaN);
      col[slot] = values[key]!;
      this.columns.set(key, col);
    }
    this.head = (slot + 1) % this.capacity;
    this.count = Math.min(this.count + 1, this.capacity);
  }

  /** Slots from oldest to newest whose time is in [from, to). */
  private *slots(from: number, to: number): Generator<number> {
    const start = (this.head - this.count + this.capacity) % this.capacity;
    for (let i = 0; i < this.count; i++) {
      const slot = (start + i) % this.capacity;
      const t = this.times[slot]!;
      if (t >= from && t < to) yield slot;
    }
  }

  /** Sample times in [from, to) with their slots, oldest first: scan once, then read many columns. */
  window(from: number, to: number): Array<[t: number, slot: number]> {
    const out: Array<[number, number]> = [];
    for (const slot of this.slots(from, to)) out.push([this.times[slot]!, slot]);
    return out;
  }

  /** The value of a column at a slot from window(); null for a gap or an unknown column. */
  at(key: string, slot: number): number | null {
    const v = this.columns.get(key)?.[slot];
    return v === undefined || Number.isNaN(v) ? null : v;
  }

  points(key: string, from = -Infinity, to = Infinity): Point[] {
    const col = this.columns.get(key);
    if (!col) return [];
    const out: Point[] = [];
    for (const slot of this.slots(from, to)) {
      const v = col[slot]!;
      out.push([this.times[slot]!, Number.isNaN(v) ? null : v]);
    }
    return out;
  }

  /** Oldest sample time, or undefined when empty. */
  firstTime(): number | undefined {
    if (this.count === 0) return undefined;
    return this.times[(this.head - this.count + this.capacity) % this.capacity];
  }
}
