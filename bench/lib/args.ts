// Command-line knobs shared by the benchmarks: `--name value`, `--flag`, and the first bare word.
export class Args {
  constructor(private readonly argv: readonly string[] = process.argv.slice(2)) {}

  get(name: string): string | undefined {
    const i = this.argv.indexOf(`--${name}`);
    return i >= 0 ? this.argv[i + 1] : undefined;
  }

  has(name: string): boolean {
    return this.argv.includes(`--${name}`);
  }

  number(name: string, fallback: number): number {
    const v = this.get(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} wants a number, got ${v}`);
    return n;
  }

  /** "100,300,1000" → [100, 300, 1000]. */
  numbers(name: string, fallback: number[]): number[] {
    const v = this.get(name);
    return v === undefined ? fallback : v.split(",").map((x) => Number(x)).filter((n) => Number.isFinite(n) && n > 0);
  }

  /** Bare words (not a --name or its value). */
  positional(): string[] {
    const out: string[] = [];
    for (let i = 0; i < this.argv.length; i++) {
      const a = this.argv[i]!;
      if (a.startsWith("--")) {
        const next = this.argv[i + 1];
        if (next !== undefined && !next.startsWith("--") && !BOOLEAN_FLAGS.has(a.slice(2))) i++;
      } else out.push(a);
    }
    return out;
  }
}

/** Flags that take no value, so the word after them is positional. */
const BOOLEAN_FLAGS = new Set(["json", "experiments", "skip-unpaced", "no-build", "keep"]);
