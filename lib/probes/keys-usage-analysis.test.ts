import { describe, expect, it } from "vitest";
import { parseInfo } from "@/lib/parse/info";
import { keysAndScanUsage, keysClients, keysFindings } from "./keys-usage-analysis";
import { ruleById } from "./probe-findings";
import { slowlogRows } from "./slowlog-analysis";

const NOW = 1_800_000_000_000;
const SLOW = ruleById("keys-command-slow").threshold;
const entry = (id: number, ageSec: number, ms: number, addr: string, name: string, pattern = "*") => ({ id, timestamp: NOW / 1000 - ageSec, durationUs: ms * 1000, argv: ["KEYS", pattern], clientAddr: addr, clientName: name });

describe("keysAndScanUsage", () => {
  it("reads cmdstat_keys and cmdstat_scan, zero when absent", () => {
    const info = parseInfo("cmdstat_keys:calls=3,usec=84000,usec_per_call=28000.00,rejected_calls=0,failed_calls=0\r\ncmdstat_get:calls=1,usec=1,usec_per_call=1.00\r\n");
    expect(keysAndScanUsage(info.commandstats)).toEqual({
      keys: { command: "KEYS", calls: 3, usec: 84000, usecPerCall: 28000 },
      scan: { command: "SCAN", calls: 0, usec: 0, usecPerCall: 0 },
    });
  });
});

describe("keysClients", () => {
  it("groups KEYS calls by client, slowest first", () => {
    const rows = slowlogRows("n", [entry(1, 10, 5, "10.0.1.100:54321", "nightly", "session:*"), entry(2, 5, 300, "10.0.1.100:54321", "nightly", "*"), entry(3, 1, 2, "10.0.1.7:1", "")]);
    expect(keysClients(rows)).toEqual([
      expect.objectContaining({ clientAddr: "10.0.1.100:54321", clientName: "nightly", calls: 2, maxDurationMs: 300, patterns: ["session:*", "*"] }),
      expect.objectContaining({ clientAddr: "10.0.1.7:1", calls: 1 }),
    ]);
  });
});

describe("keysFindings", () => {
  const usage = { command: "KEYS", calls: 2, usec: 10, usecPerCall: 5 };

  it("flags KEYS use, a slow recent KEYS as critical, and the users allowed to run it", () => {
    const rows = slowlogRows("n", [entry(1, 60, SLOW + 50, "10.0.1.100:54321", "nightly")]);
    const f = keysFindings("n", usage, rows, [{ user: "default", enabled: true, via: "+@all" }, { user: "old", enabled: false, via: "+@all" }], NOW);
    expect(f.map((x) => [x.code, x.severity])).toEqual([["keys.command-used", "warning"], ["slowlog.keys-command", "critical"], ["keys.acl-allows", "info"]]);
    expect(f[1]!.evidence).toMatchObject({ clientAddr: "10.0.1.100:54321", clientName: "nightly", command: "KEYS" });
    expect(f[2]!.message).toMatch(/ACL SETUSER <user> -keys/);
    expect(f[2]!.evidence.users).toBe("default");
  });

  it("keeps a fast or old KEYS as info, and says nothing without KEYS", () => {
    const fast = keysFindings("n", usage, slowlogRows("n", [entry(1, 60, 1, "a:1", "")]), null, NOW);
    expect(fast.find((x) => x.code === "slowlog.keys-command")!.severity).toBe("info");
    const old = keysFindings("n", usage, slowlogRows("n", [entry(1, 86_400, SLOW * 10, "a:1", "")]), null, NOW);
    expect(old.find((x) => x.code === "slowlog.keys-command")!.severity).toBe("info");
    expect(keysFindings("n", { ...usage, calls: 0 }, [], [], NOW)).toEqual([]);
  });
});
