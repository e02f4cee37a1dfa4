import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseInfo } from "@/lib/parse/info";
import { backlogCoverageSeconds, replicaGaps, writeRate } from "./replication-math";

describe("writeRate (Δmaster_repl_offset / Δt, CORRECTIONS #2)", () => {
  it("is bytes per second over the window", () => {
    expect(writeRate(1_000, 0, 51_000, 500)).toBe(100_000);
    expect(writeRate(1_000, 0, 1_000, 1_000)).toBe(0);
  });
  it("is unknown when time did not pass or the offset went back", () => {
    expect(writeRate(1_000, 10, 2_000, 10)).toBeNull();
    expect(writeRate(5_000, 0, 1_000, 1_000)).toBeNull();
  });
});

describe("backlogCoverageSeconds", () => {
  it("is repl_backlog_size / rate, null (unbounded) without writes", () => {
    expect(backlogCoverageSeconds(1_048_576, 1_048_576 / 8)).toBe(8);
    expect(backlogCoverageSeconds(1_048_576, 0)).toBeNull();
    expect(backlogCoverageSeconds(1_048_576, null)).toBeNull();
  });
});

describe("replicaGaps", () => {
  it("reads a real master's INFO replication", () => {
    const info = parseInfo(readFileSync(new URL("../parse/__fixtures__/info-replication-master.txt", import.meta.url), "utf8"));
    const offset = Number(info.fields.master_repl_offset);
    const gaps = replicaGaps("m:1", offset, Number(info.fields.repl_backlog_size), info.replicas);
    expect(gaps.length).toBe(info.replicas.length);
    for (const g of gaps) {
      expect(g.gapBytes).toBe(Math.max(0, offset - g.offset));
      expect(g.node).toBe("m:1");
    }
  });
  it("gives the gap in bytes and as % of the backlog", () => {
    const [g] = replicaGaps("m", 10_000, 40_000, [{ index: 0, ip: "10.0.0.2", port: 6380, state: "online", offset: 2_000, lag: 1 }]);
    expect(g).toEqual({ node: "m", replica: "10.0.0.2:6380", state: "online", offset: 2_000, gapBytes: 8_000, gapPctOfBacklog: 20, lagSec: 1 });
    expect(replicaGaps("m", 10, undefined, [{ index: 0, ip: "x", port: 1, state: "online", offset: 20, lag: 0 }])[0]).toMatchObject({ gapBytes: 0, gapPctOfBacklog: null });
  });
});
