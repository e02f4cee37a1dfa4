import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseConfigGet } from "@/lib/parse/config-get";
import { parseInfo } from "@/lib/parse/info";
import { AUDIT_CONFIG_NAMES, auditConfig, auditFindings, configFromInfo, CONFIG_RECOMMENDATIONS, type AuditContext } from "./config-recommendations";

const fixture = (name: string) => readFileSync(new URL(`../parse/__fixtures__/${name}`, import.meta.url), "utf8");
const ctx: AuditContext = { clusterEnabled: false, role: "master", allocator: "jemalloc-5.3.0", connectedReplicas: 0, connectedClients: 5, fragmentationHigh: false };
const row = (config: Record<string, string>, id: string, c: Partial<AuditContext> = {}) => auditConfig(config, { ...ctx, ...c }, "config").find((r) => r.id === id)!;

describe("auditConfig", () => {
  it("audits a real CONFIG GET * reply without throwing and with a reason for every row", () => {
    const config = parseConfigGet(JSON.parse(fixture("config-get-all.json")));
    const rows = auditConfig(config, ctx, "config");
    expect(rows.length).toBe(CONFIG_RECOMMENDATIONS.length - 1); // cluster-node-timeout: not a cluster
    for (const r of rows) {
      expect(r.why.length).toBeGreaterThan(10);
      expect(r.recommended.length).toBeGreaterThan(0);
    }
    expect(rows.find((r) => r.id === "maxmemory")).toMatchObject({ current: "0", status: "warn", severity: "warning" });
  });

  it.each([
    ["latency-monitor-threshold", "0", "warn"],
    ["latency-monitor-threshold", "100", "ok"],
    ["timeout", "0", "warn"],
    ["timeout", "300", "ok"],
    ["slowlog-log-slower-than", "-1", "warn"],
    ["slowlog-log-slower-than", "0", "warn"],
    ["slowlog-log-slower-than", "10000", "ok"],
    ["slowlog-log-slower-than", "50000", "warn"],
    ["repl-backlog-size", "1048576", "warn"],
    ["repl-backlog-size", "268435456", "ok"],
    ["maxmemory-policy", "allkeys-lru", "warn"],
    ["maxmemory-policy", "allkeys-lfu", "ok"],
    ["lazyfree-lazy-user-del", "no", "warn"],
    ["stop-writes-on-bgsave-error", "yes", "ok"],
    ["tcp-keepalive", "0", "warn"],
  ])("%s %s → %s", (name, value, status) => {
    expect(row({ [name]: value }, name).status).toBe(status);
  });

  it("shows busy-reply-threshold or lua-time-limit, whichever the server reports (CORRECTIONS #4)", () => {
    expect(row({ "busy-reply-threshold": "5000", "lua-time-limit": "5000" }, "busy-reply-threshold")).toMatchObject({ name: "busy-reply-threshold", status: "ok" });
    expect(row({ "lua-time-limit": "60000" }, "busy-reply-threshold")).toMatchObject({ name: "lua-time-limit", status: "warn" });
  });

  it("offers activedefrag only with jemalloc (CORRECTIONS #6)", () => {
    expect(row({ activedefrag: "no" }, "activedefrag", { fragmentationHigh: true })).toMatchObject({ status: "warn", severity: "warning" });
    expect(row({ activedefrag: "no" }, "activedefrag", { fragmentationHigh: true, allocator: "libc" })).toMatchObject({ status: "ok" });
    expect(row({ activedefrag: "no" }, "activedefrag", { fragmentationHigh: true, allocator: "libc" }).note).toMatch(/libc/);
    expect(row({ activedefrag: "no" }, "activedefrag")).toMatchObject({ status: "ok" });
  });

  it("context decides min-replicas-to-write, maxclients and cluster-node-timeout", () => {
    expect(row({ "min-replicas-to-write": "0" }, "min-replicas-to-write").status).toBe("ok");
    expect(row({ "min-replicas-to-write": "0" }, "min-replicas-to-write", { connectedReplicas: 2 }).status).toBe("warn");
    expect(row({ maxclients: "100" }, "maxclients", { connectedClients: 90 })).toMatchObject({ status: "warn", severity: "warning" });
    expect(row({ maxclients: "100" }, "maxclients", { connectedClients: 10 }).status).toBe("ok");
    expect(row({ "cluster-node-timeout": "30000" }, "cluster-node-timeout")).toBeUndefined();
    expect(row({ "cluster-node-timeout": "30000" }, "cluster-node-timeout", { clusterEnabled: true }).status).toBe("warn");
  });

  it("ignores appendfsync while AOF is off", () => {
    expect(row({ appendonly: "no", appendfsync: "always" }, "appendfsync").status).toBe("ok");
    expect(row({ appendonly: "yes", appendfsync: "always" }, "appendfsync").status).toBe("warn");
  });

  it("marks settings it could not read as unknown, with no finding", () => {
    const rows = auditConfig({}, ctx, "config");
    expect(rows.every((r) => r.status === "unknown" && r.current === null)).toBe(true);
    expect(auditFindings(rows)).toEqual([]);
  });
});

describe("configFromInfo and findings", () => {
  it("recovers what INFO shows when CONFIG is unreadable", () => {
    const info = parseInfo(fixture("info-all.txt"));
    const config = configFromInfo(info.fields);
    expect(config).toMatchObject({ maxmemory: "0", "maxmemory-policy": "noeviction", maxclients: "10000", appendonly: "no", "repl-backlog-size": "1048576" });
    const rows = auditConfig(config, ctx, "info");
    expect(rows.find((r) => r.id === "maxmemory")).toMatchObject({ status: "warn", source: "info" });
    expect(rows.find((r) => r.id === "timeout")).toMatchObject({ status: "unknown", source: null });
  });

  it("names findings config.<name>-not-recommended", () => {
    const findings = auditFindings(auditConfig({ "latency-monitor-threshold": "0", maxmemory: "0" }, ctx, "config"));
    expect(findings.map((f) => [f.code, f.severity])).toEqual([
      ["config.maxmemory-not-recommended", "warning"],
      ["config.latency-monitor-threshold-not-recommended", "info"],
    ]);
    expect(findings[1]!.evidence).toMatchObject({ name: "latency-monitor-threshold", current: "0", recommended: "100 (ms)" });
  });

  it("reads every name once", () => {
    expect(new Set(AUDIT_CONFIG_NAMES).size).toBe(AUDIT_CONFIG_NAMES.length);
    expect(AUDIT_CONFIG_NAMES).toContain("lua-time-limit");
  });
});
