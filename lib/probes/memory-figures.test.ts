import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { RULES } from "@/lib/metrics/rules";
import { parseInfo } from "@/lib/parse/info";
import { memoryRow } from "./memory-figures";
import { infoSignals, ruleFindings } from "./probe-findings";

const info = parseInfo(readFileSync(new URL("../parse/__fixtures__/info-all.txt", import.meta.url), "utf8"));

describe("memoryRow", () => {
  it("reads a real INFO with fragmentation as ratio and bytes together", () => {
    expect(memoryRow("n", info)).toMatchObject({
      node: "n",
      usedBytes: 1727272,
      rssBytes: 7393280,
      peakBytes: 1782640,
      datasetBytes: 665741,
      overheadBytes: 1061531,
      maxmemory: 0,
      maxmemoryPolicy: "noeviction",
      usedPctOfMax: null,
      fragmentationRatio: 4.41,
      fragmentationBytes: 5718672,
      allocator: "jemalloc-5.3.0",
      allocatorFragRatio: 1.21,
      allocatorFragBytes: 485296,
      activeDefragRunning: false,
    });
  });

  it("does not flag a high ratio on a small data set (CORRECTIONS #6)", () => {
    const signals = infoSignals(info);
    expect(signals["memory.fragmentation_ratio"]).toBe(4.41);
    expect(ruleFindings(["fragmentation.ratio-high"], signals)).toEqual([]);
  });

  it("flags a high ratio when the fragmented bytes are large too", () => {
    const big = infoSignals(parseInfo("used_memory:104857600\r\nused_memory_rss:314572800\r\nmem_fragmentation_ratio:3.00\r\nmem_fragmentation_bytes:209715200\r\n"));
    expect(ruleFindings(["fragmentation.ratio-high"], big)).toMatchObject([{ code: "fragmentation.ratio-high", severity: "critical" }]);
  });

  it("falls back to RSS − used before Redis 6, and computes % of maxmemory", () => {
    const old = parseInfo("used_memory:1000\r\nused_memory_rss:3000\r\nmaxmemory:4000\r\nmem_fragmentation_ratio:3.00\r\n");
    const row = memoryRow("n", old);
    expect(row).toMatchObject({ fragmentationBytes: 2000, usedPctOfMax: 25, activeDefragRunning: null });
    const near = infoSignals(parseInfo("used_memory:950\r\nmaxmemory:1000\r\n"));
    const critical = RULES.find((r) => r.id === "memory-critical")!;
    expect(ruleFindings(["memory.near-maxmemory"], near)).toMatchObject([{ code: "memory.near-maxmemory", severity: critical.severity }]);
  });
});
