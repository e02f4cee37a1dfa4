import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { RULES } from "@/lib/metrics/rules";
import { parseSlowlog, type SlowlogEntry } from "@/lib/parse/slowlog";
import { slowlogFindings, slowlogRows } from "./slowlog-analysis";
import { isBlockingCommand } from "@/lib/metrics/blocking-commands";

const fixture = JSON.parse(readFileSync(new URL("../parse/__fixtures__/slowlog-get-10.json", import.meta.url), "utf8"));
const slowMs = RULES.find((r) => r.id === "slow-command")!.threshold;
const NOW = 1_800_000_000_000;
const entry = (over: Partial<SlowlogEntry>): SlowlogEntry => ({ id: 1, timestamp: NOW / 1000 - 10, durationUs: 50, argv: ["GET", "k"], clientAddr: "10.0.0.1:5000", clientName: "app", ...over });

describe("isBlockingCommand", () => {
  it.each([
    [["KEYS", "*"], true],
    [["hgetall", "h"], true],
    [["SMEMBERS", "s"], true],
    [["LRANGE", "l", "0", "-1"], true],
    [["LRANGE", "l", "0", "9"], false],
    [["ZRANGE", "z", "0", "-1"], true],
    [["MEMORY", "USAGE", "k", "SAMPLES", "0"], true],
    [["GET", "k"], false],
    [["SET", "k", "v"], false],
  ])("%j → %s", (argv, expected) => expect(isBlockingCommand(argv)).toBe(expected));
});

describe("slowlogRows", () => {
  it("turns a real SLOWLOG GET reply into rows with node, command, key and both units", () => {
    const rows = slowlogRows("127.0.0.1:7000", parseSlowlog(fixture));
    expect(rows[0]).toMatchObject({
      node: "127.0.0.1:7000",
      id: 49945,
      time: new Date(1795529412 * 1000).toISOString(),
      durationUs: 31,
      durationMs: 0.031,
      command: "KEYS",
      key: "user:*",
      clientAddr: "127.0.0.1:47630",
      clientName: "fixture-main",
      blocking: true,
    });
    expect(rows.filter((r) => r.blocking).map((r) => r.id)).toEqual([49945]);
    expect(rows.find((r) => r.id === 49942)!.argv[2]).toMatch(/\(72 more bytes\)$/);
    expect(JSON.parse(JSON.stringify(rows))).toEqual(rows);
  });
});

describe("slowlogFindings", () => {
  it("reports a recent blocking command with command, key and duration, at the rule's severity", () => {
    const rows = slowlogRows("n1", [entry({ argv: ["KEYS", "session:*"], durationUs: 2_500 })]);
    const [f] = slowlogFindings(rows, [], NOW);
    expect(f).toMatchObject({ code: "slowlog.blocking-command", severity: "warning" });
    expect(f!.evidence).toMatchObject({ command: "KEYS", key: "session:*", durationMs: 2.5, node: "n1", count: 1, recent: 1 });
  });

  it("reports old blocking commands as history (info)", () => {
    const rows = slowlogRows("n1", [entry({ argv: ["KEYS", "*"], timestamp: NOW / 1000 - 86_400 })]);
    expect(slowlogFindings(rows, [], NOW)).toMatchObject([{ code: "slowlog.blocking-command", severity: "info" }]);
  });

  it("flags commands at the slow-command rule's threshold, not below", () => {
    const below = slowlogRows("n1", [entry({ durationUs: (slowMs - 1) * 1000 })]);
    expect(slowlogFindings(below, [], NOW)).toEqual([]);
    const at = slowlogRows("n1", [entry({ durationUs: slowMs * 1000, argv: ["HSET", "big", "f", "v"] })]);
    const [f] = slowlogFindings(at, [], NOW);
    expect(f).toMatchObject({ code: "slowlog.slow-command", severity: "warning" });
    expect(f!.evidence).toMatchObject({ command: "HSET", key: "big", durationMs: slowMs, threshold: slowMs });
  });

  it("says when the slowlog is disabled", () => {
    const findings = slowlogFindings([], [{ node: "n1", logSlowerThanUs: -1, maxLen: 128 }, { node: "n2", logSlowerThanUs: 10_000, maxLen: 128 }], NOW);
    expect(findings).toMatchObject([{ code: "slowlog.disabled", severity: "info", evidence: { node: "n1" } }]);
  });
});
