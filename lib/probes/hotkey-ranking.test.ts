import { describe, expect, it } from "vitest";
import { ruleById } from "./probe-findings";
import {
  hotkeyFindings,
  isLfuPolicy,
  lfuUnavailableFinding,
  markHot,
  missBurstFindings,
  missRate,
  rankByFrequency,
  rowsFromHotkeys,
  rowsFromWindow,
  ttlSeconds,
} from "./hotkey-ranking";

const FREQ = ruleById("hotkey-lfu-freq").threshold;
const SHARE = ruleById("hotkey-window-share").threshold;
const TTL = ruleById("hotkey-short-ttl").threshold;

describe("ranking", () => {
  it("orders LFU samples by counter, then by key", () => {
    const rows = rankByFrequency("n:1", [{ key: "b", freq: 5 }, { key: "hot", freq: 200 }, { key: "a", freq: 5 }], 2);
    expect(rows.map((r) => [r.key, r.freq])).toEqual([["hot", 200], ["a", 5]]);
  });

  it("marks hot keys by the rule table: LFU counter, or share of a window with enough accesses", () => {
    const lfu = markHot(rankByFrequency("n", [{ key: "hot", freq: FREQ }, { key: "warm", freq: FREQ - 1 }], 5), 0);
    expect(lfu.map((r) => r.hot)).toEqual([true, false]);
    const window = rowsFromWindow("n", [{ key: "k", binary: false, count: 500, sharePct: SHARE, commands: "GET×500" }]);
    expect(markHot(window, 10_000)[0]!.hot).toBe(true);
    // The same share of a window with too few accesses says nothing.
    expect(markHot(window, 10)[0]!.hot).toBe(false);
  });

  it("takes HOTKEYS' CPU share as the row's share", () => {
    const rows = rowsFromHotkeys("n", [{ key: "x", value: 104, sharePct: 47.27 }, { key: "y", value: 98, sharePct: 44.55 }], 1);
    expect(rows).toEqual([expect.objectContaining({ key: "x", cpuUs: 104, sharePct: 47.27, count: null, freq: null })]);
  });
});

describe("findings", () => {
  const hot = (key: string, ttlMs: number | null) => ({ ...rankByFrequency("n:1", [{ key, freq: FREQ + 50 }], 1)[0]!, ttlMs, hot: true });

  it("reports the hottest key and the hot key closest to expiring", () => {
    const f = hotkeyFindings([hot("product:1", 120_000), hot("product:2", 23_000), hot("product:3", -1)], 0);
    expect(f.find((x) => x.code === "hotkey.found")).toMatchObject({ severity: "warning", evidence: { key: "product:1", freq: FREQ + 50, hotKeys: 3, node: "n:1" } });
    expect(f.find((x) => x.code === "hotkey.short-ttl")).toMatchObject({ evidence: { key: "product:2", ttlMs: 23_000 } });
  });

  it("counts a hot key that is already gone (PTTL -2) as expiring now, and ignores keys without expiry", () => {
    expect(ttlSeconds(-2)).toBe(0);
    expect(ttlSeconds(-1)).toBeUndefined();
    expect(ttlSeconds(null)).toBeUndefined();
    expect(hotkeyFindings([hot("gone", -2)], 0).find((x) => x.code === "hotkey.short-ttl")!.evidence["hotkey.min_ttl_seconds"]).toBe(0);
    expect(hotkeyFindings([hot("forever", -1)], 0).map((x) => x.code)).toEqual(["hotkey.found"]);
    expect(hotkeyFindings([hot("later", (TTL + 1) * 1000)], 0).map((x) => x.code)).toEqual(["hotkey.found"]);
  });

  it("says nothing without a hot key", () => {
    expect(hotkeyFindings(rankByFrequency("n", [{ key: "a", freq: 1 }], 1), 0)).toEqual([]);
  });
});

describe("miss rate", () => {
  it("measures lookups between two samples and flags a burst of misses", () => {
    const rate = missRate({ hits: 1_000, misses: 0, atMs: 0 }, { hits: 1_200, misses: 800, atMs: 1_000 })!;
    expect(rate).toEqual({ windowMs: 1_000, hits: 200, misses: 800, missPct: 80, missesPerSec: 800, hitsPerSec: 200 });
    expect(missBurstFindings(rate, "n")).toMatchObject([{ code: "hotkey.miss-burst", severity: "warning", evidence: { node: "n" } }]);
  });

  it("ignores an idle server and a restart between the samples", () => {
    const idle = missRate({ hits: 0, misses: 0, atMs: 0 }, { hits: 0, misses: 3, atMs: 1_000 })!;
    expect(idle.missPct).toBe(100);
    expect(missBurstFindings(idle, "n")).toEqual([]);
    expect(missRate({ hits: 10, misses: 10, atMs: 0 }, { hits: 0, misses: 0, atMs: 1_000 })).toBeNull();
    expect(missBurstFindings(null, "n")).toEqual([]);
  });
});

describe("without LFU", () => {
  it("knows the LFU policies", () => {
    expect(isLfuPolicy("allkeys-lfu")).toBe(true);
    expect(isLfuPolicy("volatile-lfu")).toBe(true);
    expect(isLfuPolicy("allkeys-lru")).toBe(false);
    expect(isLfuPolicy(undefined)).toBe(false);
  });

  it("explains the options, naming HOTKEYS when the server has it", () => {
    const f = lfuUnavailableFinding("n", "noeviction", true);
    expect(f).toMatchObject({ code: "hotkey.lfu-unavailable", severity: "info", evidence: { maxmemoryPolicy: "noeviction", hotkeysCommand: "available" } });
    expect(f.message).toMatch(/allkeys-lfu/);
    expect(f.message).toMatch(/MONITOR/);
    expect(lfuUnavailableFinding("n", "noeviction", false).message).toMatch(/Redis ≥ 8\.6/);
  });
});
