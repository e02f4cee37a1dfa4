import { describe, expect, it } from "vitest";
import { slowKeysToMeasure } from "./slow-keys";
import type { SlowlogRow } from "./slowlog-analysis";

const row = (command: string, argv: string[], durationMs: number): SlowlogRow => ({
  node: "n:1", id: 1, time: "", timestamp: 0, durationUs: durationMs * 1000, durationMs, command, key: argv[1] ?? "", argv, clientAddr: "", clientName: "", blocking: false,
});

describe("slowKeysToMeasure", () => {
  it("keeps slow size-bound reads, slowest first, each key once", () => {
    const picked = slowKeysToMeasure([
      row("HGETALL", ["HGETALL", "h"], 12),
      row("SMEMBERS", ["SMEMBERS", "s"], 40),
      row("HGETALL", ["HGETALL", "h"], 30),
      row("GET", ["GET", "blob"], 11),
    ]);
    expect(picked).toEqual([
      { key: "s", command: "SMEMBERS", durationMs: 40 },
      { key: "h", command: "HGETALL", durationMs: 30 },
      { key: "blob", command: "GET", durationMs: 11 },
    ]);
  });

  it("skips O(1) and keyless commands, and key names Redis truncated", () => {
    expect(
      slowKeysToMeasure([
        row("HSET", ["HSET", "h", "f", "v"], 50),
        row("KEYS", ["KEYS", "*"], 500),
        row("SMEMBERS", ["SMEMBERS", `${"k".repeat(128)}... (72 more bytes)`], 80),
        row("EVAL", ["EVAL", "return 1", "0"], 200),
      ]),
    ).toEqual([]);
  });

  it("measures at most the given number of keys", () => {
    const rows = Array.from({ length: 9 }, (_, i) => row("LRANGE", ["LRANGE", `l${i}`, "0", "-1"], 20 + i));
    expect(slowKeysToMeasure(rows, 5).map((k) => k.key)).toEqual(["l8", "l7", "l6", "l5", "l4"]);
  });
});
