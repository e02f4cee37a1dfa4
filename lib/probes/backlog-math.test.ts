import { describe, expect, it } from "vitest";
import { backlogFindings, backlogHeadroom, recommendBacklog } from "./backlog-math";

const MB = 1024 * 1024;
const mem = (over = {}) => ({ usedMemory: 100 * MB, usedMemoryRss: 120 * MB, maxmemory: 0, totalSystemMemory: 16 * 1024 * MB, ...over });

describe("recommendBacklog (CORRECTIONS #2)", () => {
  it("multiplies the measured rate by the tolerated outage and 2, showing every input", () => {
    const r = recommendBacklog(100_000, 60, MB, mem());
    expect(r).toMatchObject({ recommendedBytes: 12_000_000, suggestedBytes: 12 * MB, safetyFactor: 2, currentBytes: MB, currentCoversSeconds: 10.5, currentPctOfRecommended: 8.7 });
    expect(r.formula).toBe("100000 B/s × 60 s × 2 = 12000000 bytes");
    expect(r.configSet).toBe(`CONFIG SET repl-backlog-size ${12 * MB}`);
    expect(r.additionalBytes).toBe(11 * MB);
    expect(backlogFindings("n", r).map((f) => [f.code, f.severity])).toEqual([["replication.backlog-too-small", "warning"]]);
  });

  it("never suggests less than Redis's default and says nothing without writes", () => {
    const idle = recommendBacklog(0, 60, MB, mem());
    expect(idle).toMatchObject({ recommendedBytes: 0, suggestedBytes: MB, currentPctOfRecommended: null, additionalBytes: 0 });
    expect(backlogFindings("n", idle)).toEqual([]);
    const none = recommendBacklog(null, 60, MB, mem());
    expect(none).toMatchObject({ recommendedBytes: null, suggestedBytes: null, configSet: null, formula: "no write rate measured" });
    expect(backlogFindings("n", none)).toEqual([]);
  });

  it("warns when growing the backlog does not fit in maxmemory, or in the host's memory", () => {
    const tight = recommendBacklog(10 * MB, 60, MB, mem({ maxmemory: 200 * MB }));
    expect(tight.headroom).toEqual({ underMaxmemory: 100 * MB, system: 16 * 1024 * MB - 120 * MB, bytes: 100 * MB, basis: "maxmemory" });
    expect(backlogFindings("n", tight).map((f) => f.code)).toEqual(["replication.backlog-too-small", "replication.backlog-exceeds-memory"]);
    const full = recommendBacklog(MB, 60, MB, mem({ maxmemory: 90 * MB }));
    expect(backlogFindings("n", full).find((f) => f.code === "replication.backlog-exceeds-memory")!.message).toMatch(/no free memory \(maxmemory\)/);
  });

  it("takes the host's memory when maxmemory is not set", () => {
    expect(backlogHeadroom(mem()).basis).toBe("system");
    expect(backlogHeadroom({ usedMemory: null, usedMemoryRss: null, maxmemory: null, totalSystemMemory: null })).toEqual({ underMaxmemory: null, system: null, bytes: null, basis: null });
  });
});
