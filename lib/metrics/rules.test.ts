import { describe, expect, it } from "vitest";
import { parseInfo } from "@/lib/parse/info";
import { evaluateRules, ruleHolds } from "./evaluate-rules";
import { healthSignals } from "./health-signals";
import { PROM_SIGNALS } from "./prometheus-signals";
import { RULES, RULE_IDS, effectiveRules, findRule } from "./rules";
import { SERIES_IDS } from "./series-catalog";

describe("the rule table", () => {
  it("has unique ids, and every rule says where its default comes from", () => {
    expect(new Set(RULE_IDS).size).toBe(RULES.length);
    for (const r of RULES) expect(r.source.length, r.id).toBeGreaterThan(5);
  });

  it("covers the signals of every incident in the issue", () => {
    const signals = new Set(RULES.map((r) => r.signal));
    for (const s of [
      "memory.fragmentation_ratio",
      "memory.used_pct_of_max",
      "clients.connected_pct_of_max",
      "clients.rejected_last_min",
      "replication.backlog_coverage_seconds",
      "replication.full_syncs_recent",
      "replication.link_down",
      "slowlog.new_entries_last_min",
      "slowlog.recent_max_ms",
      "latency.ping_p99_ms",
      "persistence.rdb_failed",
      "persistence.aof_rewrite_seconds",
      "server.restart_keys_lost_pct",
      "cluster.state_fail",
      "cluster.conflict_slots",
      "server.busy_script",
      "server.unreachable",
    ]) {
      expect(signals.has(s), s).toBe(true);
    }
  });

  it("maps every rule signal to a Prometheus expression or says it has none", () => {
    for (const r of RULES) for (const s of [r.signal, ...(r.and ?? []).map((c) => c.signal)]) expect(Object.hasOwn(PROM_SIGNALS, s), s).toBe(true);
  });

  it("draws thresholds on a chart: rules on charted signals share the series id", () => {
    for (const id of ["memory.fragmentation_ratio", "clients.connected_pct_of_max", "replication.backlog_coverage_seconds", "latency.ping_p99_ms"]) {
      expect(SERIES_IDS).toContain(id);
    }
  });

  it("applies per-instance overrides to the threshold only, by rule id", () => {
    const rules = effectiveRules({ "clients-warning": 50 });
    expect(rules.find((r) => r.id === "clients-warning")!.threshold).toBe(50);
    expect(rules.find((r) => r.id === "clients-critical")!.threshold).toBe(95);
    const doubled = effectiveRules(Object.fromEntries(RULES.map((r) => [r.id, r.threshold * 2 + 1])));
    doubled.forEach((r, i) => expect(r.threshold).toBe(RULES[i]!.threshold * 2 + 1));
  });

  it("supports `<` rules (the backlog covers too short an outage while it is in use)", () => {
    const rule = findRule("backlog-covers-short")!;
    expect(ruleHolds(rule, { "replication.backlog_coverage_seconds": 12, "replication.backlog_in_use": 1 })).toBe(true);
    expect(ruleHolds(rule, { "replication.backlog_coverage_seconds": 12, "replication.backlog_in_use": 0 })).toBe(false);
    expect(ruleHolds(rule, { "replication.backlog_coverage_seconds": 600, "replication.backlog_in_use": 1 })).toBe(false);
  });

  it("reads AOF rewrite time only while a rewrite runs", () => {
    const running = healthSignals({ node: "", takenAt: 0, pingMs: 0, config: {}, slowlog: [], slowlogLen: 0, info: parseInfo("aof_rewrite_in_progress:1\r\naof_current_rewrite_time_sec:900\r\n") });
    const idle = healthSignals({ node: "", takenAt: 0, pingMs: 0, config: {}, slowlog: [], slowlogLen: 0, info: parseInfo("aof_rewrite_in_progress:0\r\naof_current_rewrite_time_sec:-1\r\n") });
    expect(evaluateRules(RULES, running).map((f) => f.code)).toContain("persistence.aof-rewrite-long");
    expect(idle["persistence.aof_rewrite_seconds"]).toBeUndefined();
  });
});
