// A scan sends millions of commands; the evidence needs what was sent, not each one. Records from the
// runner are folded into one record per node and command shape (`MEMORY USAGE <key> SAMPLES 5`)
// with the count and the total time, kept in the probe's log so ProbeResult.commands stays small.
import type { CommandRecord } from "../types";

const KEY_AT: Record<string, number> = { TYPE: 1, STRLEN: 1, LLEN: 1, SCARD: 1, ZCARD: 1, HLEN: 1, XLEN: 1 };

/** The argv with its per-call parts (cursor, count, key) replaced by placeholders. */
export function commandShape(argv: readonly string[]): string[] {
  const name = (argv[0] ?? "").toUpperCase();
  const sub = (argv[1] ?? "").toUpperCase();
  if (name === "SCAN") {
    const typeAt = argv.findIndex((a, i) => i > 1 && a.toUpperCase() === "TYPE");
    return ["SCAN", "<cursor>", "COUNT", "<count>", ...(typeAt > 0 ? ["TYPE", argv[typeAt + 1] ?? ""] : [])];
  }
  if (name === "MEMORY" && sub === "USAGE") return ["MEMORY", "USAGE", "<key>", ...argv.slice(3)];
  if (name === "OBJECT") return ["OBJECT", sub, "<key>"];
  const keyAt = KEY_AT[name];
  if (keyAt !== undefined) return [name, "<key>"];
  return [...argv];
}

export class CommandTally {
  private readonly byShape = new Map<string, CommandRecord>();

  /** `sink` is the probe's log: one summary record per shape is appended once and updated in place. */
  constructor(private readonly sink: CommandRecord[]) {}

  add(records: readonly CommandRecord[]): void {
    for (const r of records) {
      const argv = commandShape(r.argv);
      const id = `${r.node ?? ""}\u0000${argv.join(" ")}`;
      let summary = this.byShape.get(id);
      if (!summary) {
        summary = { argv, durationMs: 0, count: 0, ...(r.node ? { node: r.node } : {}) };
        this.byShape.set(id, summary);
        this.sink.push(summary);
      }
      summary.count = (summary.count ?? 0) + (r.count ?? 1);
      summary.durationMs = Math.round((summary.durationMs + r.durationMs) * 1000) / 1000;
      if (r.error) summary.error = r.error;
    }
  }
}
