import { describe, expect, it } from "vitest";
import type { CommandRecord } from "../types";
import { CommandTally, commandShape } from "./command-tally";

describe("commandShape", () => {
  it("hides cursors, counts and keys", () => {
    expect(commandShape(["SCAN", "1234", "COUNT", "500"])).toEqual(["SCAN", "<cursor>", "COUNT", "<count>"]);
    expect(commandShape(["SCAN", "0", "COUNT", "10", "TYPE", "hash"])).toEqual(["SCAN", "<cursor>", "COUNT", "<count>", "TYPE", "hash"]);
    expect(commandShape(["MEMORY", "USAGE", "user:1", "SAMPLES", "5"])).toEqual(["MEMORY", "USAGE", "<key>", "SAMPLES", "5"]);
    expect(commandShape(["HLEN", "user:1"])).toEqual(["HLEN", "<key>"]);
    expect(commandShape(["OBJECT", "ENCODING", "k"])).toEqual(["OBJECT", "ENCODING", "<key>"]);
    expect(commandShape(["INFO", "keysizes"])).toEqual(["INFO", "keysizes"]);
  });
});

describe("CommandTally", () => {
  it("folds records into one per node and shape, with count and total time", () => {
    const log: CommandRecord[] = [];
    const tally = new CommandTally(log);
    tally.add([
      { argv: ["TYPE", "a"], durationMs: 0.5, node: "n1" },
      { argv: ["TYPE", "b"], durationMs: 0.25, node: "n1" },
      { argv: ["TYPE", "c"], durationMs: 1, node: "n2" },
    ]);
    tally.add([{ argv: ["TYPE", "d"], durationMs: 0.25, node: "n1", error: "redis_timeout" }]);
    expect(log).toEqual([
      { argv: ["TYPE", "<key>"], node: "n1", count: 3, durationMs: 1, error: "redis_timeout" },
      { argv: ["TYPE", "<key>"], node: "n2", count: 1, durationMs: 1 },
    ]);
  });
});
