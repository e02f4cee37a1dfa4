import { describe, expect, it } from "vitest";
import { alertName, prometheusRules, ruleExpr } from "./prometheus-rules";
import { RULES, effectiveRules, findRule } from "./rules";
import { toYaml } from "./yaml";

describe("Prometheus alerting rules from the rule table", () => {
  const { yaml, exported, skipped } = prometheusRules();

  it("exports every alert rule the exporter can express, and names the rest", () => {
    const alertRules = RULES.filter((r) => r.alert !== false).map((r) => r.id);
    expect([...exported, ...skipped].sort()).toEqual(alertRules.sort());
    expect(skipped.sort()).toEqual(["blocking-command", "cluster-slot-conflict"]);
    expect(yaml).toContain("# Not expressible with redis_exporter metrics (Redline alerts on them itself): blocking-command, cluster-slot-conflict");
    // Health-only rules (counters since start) never become alerts.
    expect(exported).not.toContain("clients-rejected");
  });

  it("writes one group with alert, expr, for, labels and annotations per rule", () => {
    expect(yaml).toMatch(/^groups:\n {2}- name: "redline-redis"\n {4}rules:\n {6}- alert: "RedisFragmentationWarning"\n/m);
    const block = yaml.slice(yaml.indexOf('- alert: "RedisClientsWarning"'), yaml.indexOf('- alert: "RedisClientsCritical"'));
    expect(block).toContain('expr: "(100 * redis_connected_clients / (redis_config_maxclients > 0)) >= 80"');
    expect(block).toContain('for: "60s"');
    expect(block).toContain('severity: "warning"');
    expect(block).toContain('playbook: "connection-exhaustion"');
    expect(block).toContain("summary: \"{{ $labels.instance }}: {{ $value | humanize }}% of maxclients in use (warning at 80%)\"");
    expect(block).toContain('source: "Incident reference (redis-postmortems-10-incidents.md): 80 % of maxclients"');
  });

  it("uses the table's thresholds (and overrides) and its `and` conditions", () => {
    expect(ruleExpr(findRule("backlog-covers-short")!)!.expr).toBe(
      "(redis_replication_backlog_bytes / rate(redis_master_repl_offset[1m])) < 60 and (redis_repl_backlog_is_active) > 0",
    );
    const overridden = effectiveRules({ "memory-warning": 75 }).find((r) => r.id === "memory-warning")!;
    expect(ruleExpr(overridden)!.expr).toBe("(100 * redis_memory_used_bytes / (redis_memory_max_bytes > 0)) >= 75");
    expect(alertName(findRule("restart-empty")!)).toBe("RedisRestartEmpty");
  });
});

describe("toYaml", () => {
  it("quotes every string as JSON, nests maps and lists", () => {
    expect(toYaml({ a: "x: #{y}", b: [1, { c: true, d: null }], e: [], f: {} })).toBe('a: "x: #{y}"\nb:\n  - 1\n  - c: true\n    d: null\ne: []\nf: {}\n');
  });
});
