import { describe, expect, it } from "vitest";
import { parseInfo } from "@/lib/parse/info";
import { ruleById } from "./probe-findings";
import { restartFacts, restartFindings, restartVerdict, thisRunsRestart, type RestartHistory } from "./restart-analysis";

const NOW = 1_800_000_000_000;
const RECENT = ruleById("restart-recent").threshold;
const info = (uptime: number, keys: number, loaded: number | null) =>
  parseInfo(
    [`run_id:abc`, `uptime_in_seconds:${uptime}`, "loading:0", "aof_enabled:0", ...(loaded === null ? [] : [`rdb_last_load_keys_loaded:${loaded}`, "rdb_last_load_keys_expired:0"]), ...(keys ? [`db0:keys=${keys},expires=0,avg_ttl=0`] : [])].join("\r\n"),
  );
const history = (over: Partial<RestartHistory> = {}): RestartHistory => ({ source: "test", restartAt: NOW - 30_000, keysBefore: 50_000, keysAfter: 0, lostPct: 100, ...over });
const codes = (f: { code: string }[]) => f.map((x) => x.code);

describe("restartFacts", () => {
  it("reads run_id, uptime, keys and what the last load restored", () => {
    expect(restartFacts(info(42, 7, 7), NOW)).toMatchObject({ runId: "abc", uptimeSeconds: 42, startedAt: NOW - 42_000, keys: 7, rdbLastLoadKeysLoaded: 7, loading: false, aofEnabled: false });
    expect(restartFacts(info(42, 0, null), NOW).rdbLastLoadKeysLoaded).toBeNull();
  });
});

describe("restartVerdict (CORRECTIONS #10)", () => {
  it("flags a recent restart that came back empty and loaded nothing", () => {
    const facts = restartFacts(info(60, 0, 0), NOW);
    expect(restartVerdict(facts, history()).restartedEmpty).toBe(true);
    expect(restartVerdict(facts, undefined).restartedEmpty).toBe(true);
  });

  it("flags a much smaller keyspace from the sampler's history", () => {
    const facts = restartFacts(info(60, 100, 0), NOW);
    expect(restartVerdict(facts, history({ keysBefore: 50_000, keysAfter: 100, lostPct: 99.8 })).restartedEmpty).toBe(true);
    expect(restartVerdict(facts, history({ keysBefore: 120, keysAfter: 100, lostPct: 16.7 })).restartedEmpty).toBe(false);
  });

  it("does not flag a server that loaded its data, restarted long ago, or was empty before too", () => {
    expect(restartVerdict(restartFacts(info(60, 5000, 5000), NOW), history()).restartedEmpty).toBe(false);
    expect(restartVerdict(restartFacts(info(RECENT + 1, 0, 0), NOW), history()).restartedEmpty).toBe(false);
    expect(restartVerdict(restartFacts(info(60, 0, 0), NOW), history({ keysBefore: 0, lostPct: 0 })).restartedEmpty).toBe(false);
  });

  it("ignores a history restart that belongs to an earlier run", () => {
    const facts = restartFacts(info(60, 0, 0), NOW);
    expect(thisRunsRestart(facts, history({ restartAt: NOW - 3_600_000 }))).toBeUndefined();
    expect(thisRunsRestart(facts, history())).toBeDefined();
  });
});

describe("restartFindings", () => {
  it("reports the restart, the empty keyspace and the missing persistence", () => {
    const i = info(60, 0, 0);
    const facts = restartFacts(i, NOW);
    const f = restartFindings("n:1", facts, restartVerdict(facts, undefined), undefined, i, { save: "", appendonly: "no" });
    expect(codes(f)).toEqual(["restart.recent", "restart.empty-keyspace", "persistence.disabled"]);
    expect(f[1]).toMatchObject({ severity: "critical", evidence: { rdbLastLoadKeysLoaded: 0, keys: 0 } });
    expect(f[2]!.severity).toBe("warning");
  });

  it("says nothing for a long-running server with persistence", () => {
    const i = info(RECENT * 10, 10, 10);
    const facts = restartFacts(i, NOW);
    expect(restartFindings("n", facts, restartVerdict(facts, undefined), undefined, i, { save: "3600 1", appendonly: "no" })).toEqual([]);
  });
});
