// The N biggest entries seen so far, in O(log N) per offer and O(N) memory however many keys a scan
// reads: a min-heap whose root is the smallest kept entry, so most keys are turned away by one
// comparison with the floor. An id seen twice (SCAN may return a key twice during a rehash) is kept once.

export interface Ranked {
  id: string;
}

export class TopN<T extends Ranked> {
  private readonly heap: T[] = [];
  private readonly ids = new Set<string>();

  constructor(
    readonly capacity: number,
    private readonly score: (entry: T) => number,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`TopN capacity must be a positive integer, got ${capacity}`);
  }

  get size(): number {
    return this.heap.length;
  }

  get full(): boolean {
    return this.heap.length >= this.capacity;
  }

  /** The score an entry must beat to get in; 0 until the heap is full. */
  get floor(): number {
    return this.full ? this.score(this.heap[0]!) : 0;
  }

  /** Would an entry with this score be kept? Lets a caller skip work for entries that cannot rank. */
  admits(score: number): boolean {
    return !this.full || score > this.floor;
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  /** Keeps the entry if it ranks; returns whether it did (false for an id already kept). */
  offer(entry: T): boolean {
    if (this.ids.has(entry.id)) return false;
    if (!this.full) {
      this.heap.push(entry);
      this.ids.add(entry.id);
      this.siftUp(this.heap.length - 1);
      return true;
    }
    if (this.score(entry) <= this.floor) return false;
    this.ids.delete(this.heap[0]!.id);
    this.heap[0] = entry;
    this.ids.add(entry.id);
    this.siftDown(0);
    return true;
  }

  /** Biggest first; ties keep a stable order by id so results do not flicker between runs. */
  sorted(): T[] {
    return [...this.heap].sort((a, b) => this.score(b) - this.score(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  private less(i: number, j: number): boolean {
    return this.score(this.heap[i]!) < this.score(this.heap[j]!);
  }

  private swap(i: number, j: number): void {
    const t = this.heap[i]!;
    this.heap[i] = this.heap[j]!;
    this.heap[j] = t;
  }

  private siftUp(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(i: number): void {
    const n = this.heap.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let smallest = i;
      if (l < n && this.less(l, smallest)) smallest = l;
      if (r < n && this.less(r, smallest)) smallest = r;
      if (smallest === i) return;
      this.swap(i, smallest);
      i = smallest;
    }
  }
}
