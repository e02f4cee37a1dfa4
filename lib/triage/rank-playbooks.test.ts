// Triage's ranking as a whole: healthy instances match nothing confidently, ambiguous evidence ranks
// sensibly, and the result lists every playbook once, best first. Inputs are built from real replies.
import { describe, expect, it } from "vitest";
import { rankPlaybooks } from "./rank-playbooks";
import { expectNothingConfident, top } from "./testing/expect-ranking";
import { finding, probeResult, triageInput } from "./testing/fixture-inputs";

const MB = 1024 * 1024;

describe("healthy instances", () => {
  it("the captured server as it is: nothing confident (a 31 µs KEYS and a slow EVAL average are usage, not incidents)", () => {
    expectNothingConfident(triageInput());
  });

  it("a brand-new empty server with persistence off: nothing confident", () => {
    const input = triageInput({
      nodes: [{ info: { server: { uptime_in_seconds: "8" }, keyspace: { db0: null, db2: null } }, config: { save: "", appendonly: "no" }, fixtureSlowlog: false }],
      probes: [
        probeResult("restart-history", [
          finding("restart.recent", "info", { uptimeSeconds: 8 }),
          finding("restart.empty-keyspace", "critical", { keysBefore: "unknown (no sampler history for this restart)" }),
          finding("persistence.disabled", "warning"),
        ]),
      ],
    });
    expectNothingConfident(input);
  });

  it("a busy machine: O(1) commands slowed by CPU starvation are not a big key", () => {
    const slow = [
      { argv: ["SET", "session:abc", "x"], durationMs: 14, ageSec: 40 },
      { argv: ["SET", "session:abc", "y"], durationMs: 12, ageSec: 20 },
      { argv: ["HGET", "user:7", "name"], durationMs: 130, ageSec: 10 },
    ];
    expectNothingConfident(triageInput({ nodes: [{ slowlog: slow, pingMs: 55, info: { server: { uptime_in_seconds: "864000" } } }] }));
  });

  it("weak signals together stay below the threshold", () => {
    const input = triageInput({
      probes: [
        probeResult("memory", [finding("memory.no-maxmemory", "info")]),
        probeResult("config-audit", [
          finding("config.timeout-not-recommended", "info"),
          finding("config.maxmemory-policy-not-recommended", "info"),
          finding("config.repl-backlog-size-not-recommended", "info"),
          finding("config.min-replicas-to-write-not-recommended", "info"),
          finding("config.busy-reply-threshold-not-recommended", "info"),
        ]),
        probeResult("restart-history", [finding("restart.recent", "info", { uptimeSeconds: 120 })]),
        probeResult("replication", [finding("replication.backlog-covers-short", "warning")]),
      ],
    });
    expectNothingConfident(input);
  });
});


describe("ambiguous evidence ranks sensibly", () => {
  it("BUSY plus connections near the limit: lua-busy first, connection-exhaustion ranked but lower", () => {
    const input = triageInput({
      error: { code: "redis_busy_script", message: "BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE." },
      history: { signals: { "clients.connected_pct_of_max": 85 } },
    });
    const ranked = rankPlaybooks(input);
    expect(ranked[0]!.playbookId).toBe("lua-busy");
    expect(ranked.findIndex((r) => r.playbookId === "connection-exhaustion")).toBeGreaterThan(0);
  });

  it("slow KEYS and slow HGETALL together: both confident, the longer stall first", () => {
    const input = triageInput({
      nodes: [
        {
          slowlog: [
            { argv: ["KEYS", "cache:*"], durationMs: 1200 },
            { argv: ["HGETALL", "user:9:prefs"], durationMs: 60 },
          ],
        },
      ],
    });
    const ranked = rankPlaybooks(input);
    expect(ranked[0]!.playbookId).toBe("keys-blocking");
    expect(ranked.find((r) => r.playbookId === "bigkey")!.score).toBeGreaterThan(0);
  });

  it("fragmentation with memory near maxmemory: fragmentation first, bigkey only as context", () => {
    const input = triageInput({
      nodes: [{ info: { memory: { used_memory: String(950 * MB), maxmemory: String(1024 * MB), used_memory_rss: String(2000 * MB), mem_fragmentation_ratio: "2.10", mem_fragmentation_bytes: String(1050 * MB) } } }],
    });
    const ranked = rankPlaybooks(input);
    expect(ranked[0]!.playbookId).toBe("fragmentation");
    expect(ranked.find((r) => r.playbookId === "bigkey")!.confident).toBe(false);
  });

  it("a hot key alone (no short TTL, no misses) is ranked but not confident", () => {
    const input = triageInput({
      nodes: [{ info: { server: { uptime_in_seconds: "864000" } } }],
      probes: [probeResult("hotkeys", [finding("hotkey.found", "warning", { key: "config:flags", freq: 200 })])],
    });
    expect(top(input).playbookId).toBe("hotkey-stampede");
    expect(top(input).confident).toBe(false);
  });
});

describe("the result", () => {
  it("lists every playbook once, best first, evidence strongest first with weights", () => {
    const ranked = rankPlaybooks(triageInput({ error: { code: "redis_max_clients", message: "ERR max number of clients reached" } }));
    expect(ranked).toHaveLength(10);
    expect(new Set(ranked.map((r) => r.playbookId)).size).toBe(10);
    for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1]!.score).toBeGreaterThanOrEqual(ranked[i]!.score);
    const evidence = ranked[0]!.evidence;
    expect(evidence[0]).toMatchObject({ code: "clients.refused", evidence: { weight: 0.9 } });
  });
});
