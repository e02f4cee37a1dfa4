import { describe, expect, it } from "vitest";
import { reprBytes } from "@/lib/parse/monitor-line";
import { keyIndexes } from "./monitor-keys";
import { addMonitorLine, createTally, tallyRows } from "./monitor-tally";

const line = (...args: string[]) => `1700000000.000001 [0 127.0.0.1:5555] ${args.map((a) => `"${reprBytes(new TextEncoder().encode(a))}"`).join(" ")}`;

describe("keyIndexes", () => {
  it("takes the first argument of most commands", () => {
    expect(keyIndexes(["GET", "k"])).toEqual([1]);
    expect(keyIndexes(["hset", "h", "f", "v"])).toEqual([1]);
    expect(keyIndexes(["GET"])).toEqual([]);
  });

  it("knows multi-key, paired and keyless commands", () => {
    expect(keyIndexes(["MGET", "a", "b", "c"])).toEqual([1, 2, 3]);
    expect(keyIndexes(["MSET", "a", "1", "b", "2"])).toEqual([1, 3]);
    expect(keyIndexes(["BLPOP", "a", "b", "0"])).toEqual([1, 2]);
    expect(keyIndexes(["RENAME", "a", "b"])).toEqual([1, 2]);
    expect(keyIndexes(["OBJECT", "FREQ", "k"])).toEqual([2]);
    expect(keyIndexes(["XREAD", "COUNT", "2", "STREAMS", "s1", "s2", "0", "0"])).toEqual([4, 5]);
    for (const c of ["PING", "SELECT", "CLIENT", "SCAN", "KEYS", "PUBLISH", "INFO", "MULTI", "EXEC"]) expect(keyIndexes([c, "x", "y"]), c).toEqual([]);
  });

  it("leaves scripts to the lines of the commands they run", () => {
    expect(keyIndexes(["EVAL", "return 1", "1", "k"])).toEqual([]);
    expect(keyIndexes(["FCALL", "f", "1", "k"])).toEqual([]);
  });

  it("reads the command name from bytes", () => {
    expect(keyIndexes([new TextEncoder().encode("mget"), new Uint8Array([1]), new Uint8Array([2])])).toEqual([1, 2]);
  });
});

describe("the MONITOR tally", () => {
  it("counts accesses per key with each key's commands and share", () => {
    const t = createTally();
    for (let i = 0; i < 8; i++) addMonitorLine(t, line("GET", "product:1"));
    addMonitorLine(t, line("SET", "product:1", "v"));
    addMonitorLine(t, line("MGET", "product:2", "product:1"));
    addMonitorLine(t, line("PING"));
    addMonitorLine(t, "1.0 [0 lua] \"GET\" \"in-script\"");
    addMonitorLine(t, line("EVAL", "return redis.call('GET', KEYS[1])", "1", "in-script"));
    addMonitorLine(t, "garbage");
    expect(t).toMatchObject({ lines: 14, unparsed: 1, keyless: 2, accesses: 12 });
    expect(tallyRows(t, 2)).toEqual([
      { key: "product:1", binary: false, count: 10, sharePct: 83.33, commands: "GET×8 SET×1 MGET×1" },
      { key: "in-script", binary: false, count: 1, sharePct: 8.33, commands: "GET×1" },
    ]);
  });

  it("keeps binary keys apart from text keys that read like their escaped form", () => {
    const t = createTally();
    addMonitorLine(t, '1.0 [0 127.0.0.1:1] "GET" "a\\x00"');
    addMonitorLine(t, '1.0 [0 127.0.0.1:1] "GET" "a\\\\x00"');
    const rows = tallyRows(t, 5);
    expect(rows.map((r) => [r.key, r.binary]).sort()).toEqual([
      ["a\\x00", false],
      ["a\\x00", true],
    ]);
  });

  it("stays bounded on many distinct keys and still finds the heavy hitter", () => {
    const t = createTally(100);
    for (let i = 0; i < 5_000; i++) {
      addMonitorLine(t, line("GET", `cold:${i}`));
      if (i % 4 === 0) addMonitorLine(t, line("GET", "hot"));
    }
    expect(t.keys.size).toBeLessThanOrEqual(100);
    const [top] = tallyRows(t, 1);
    expect(top!.key).toBe("hot");
    expect(top!.count).toBeGreaterThan(1_250 - t.maxError - 1);
    expect(t.maxError).toBeGreaterThanOrEqual(1);
  });
});
