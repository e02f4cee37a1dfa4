// Every playbook is well-formed data that points only at things that exist (probes and their
// parameters, finding codes, rule ids, series ids, its own fix ids), and none repeats a mistake
// CORRECTIONS.md lists.
import { describe, expect, it } from "vitest";
import { RULE_IDS } from "@/lib/metrics/rules";
import { SERIES_IDS } from "@/lib/metrics/series-catalog";
import { PROBES, getProbe } from "@/lib/probes/registry";
import { classifyCommand } from "@/lib/redis/command-policy";
import { KNOWN_FINDING_CODES } from "./finding-codes";
import { PLAYBOOKS, PLAYBOOK_IDS, getPlaybook } from "./index";
import { playbookDataSchema } from "./playbook-data-schema";
import { toPlaybookDocument, toPlaybookSummary } from "./playbook-data";
import type { Playbook } from "./schema";

/** Probes a playbook may name before they land in the registry. All have landed; keep the list for the next ones. */
const PROBES_BEING_WRITTEN: readonly string[] = [];
const probeIds = new Set([...PROBES.map((p) => p.id), ...PROBES_BEING_WRITTEN]);

function codesOf(p: Playbook): string[] {
  return [
    ...p.symptoms.flatMap((s) => s.findingCodes ?? []),
    ...p.investigation.flatMap((s) => [...(s.interpret.confirms ?? []), ...(s.interpret.rulesOut ?? []), ...(s.when?.anyOf ?? [])]),
    ...p.rootCauses.flatMap((r) => [...r.confirmedBy, ...(r.ruledOutBy ?? [])]),
    ...p.fixes.flatMap((f) => [...(f.verify.expect.absent ?? []), ...(f.verify.expect.present ?? []), ...(f.when?.anyOf ?? [])]),
  ];
}

function text(p: Playbook): string {
  return JSON.stringify(toPlaybookDocument(p));
}

describe.each(PLAYBOOKS.map((p) => [p.id, p] as const))("playbook %s", (_id, playbook) => {
  it("parses with the data schema", () => {
    const { detect: _detect, ...data } = playbook;
    const parsed = playbookDataSchema.safeParse(data);
    expect(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`)).toEqual([]);
  });

  it("has unique step, root cause and fix ids", () => {
    for (const list of [playbook.investigation, playbook.rootCauses, playbook.fixes]) {
      const ids = list.map((x) => x.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it("runs only registered probes, with parameters they accept", () => {
    const uses = [...playbook.investigation.map((s) => ({ probe: s.probe, params: s.params })), ...playbook.fixes.map((f) => f.verify)];
    for (const use of uses) {
      expect(probeIds, use.probe).toContain(use.probe);
      const probe = getProbe(use.probe);
      if (!probe) continue;
      const parsed = probe.params.safeParse(use.params);
      expect(parsed.success, `${use.probe} ${JSON.stringify(use.params)}`).toBe(true);
    }
  });

  it("names only known finding codes", () => {
    expect(codesOf(playbook).filter((c) => !KNOWN_FINDING_CODES.has(c))).toEqual([]);
  });

  it("names only existing alert rules and chart series", () => {
    expect(playbook.prevention.alertRules.filter((r) => !RULE_IDS.includes(r))).toEqual([]);
    const series = [...playbook.symptoms.flatMap((s) => (s.metric ? [s.metric] : [])), ...playbook.investigation.flatMap((s) => s.charts)];
    expect(series.filter((s) => !SERIES_IDS.includes(s))).toEqual([]);
  });

  it("fix argv placeholders are all parameters, onError paths lead to its own fixes, no command is forbidden", () => {
    const fixIds = new Set(playbook.fixes.map((f) => f.id));
    for (const fix of playbook.fixes) {
      for (const e of fix.onError ?? []) for (const next of e.next) expect(fixIds, `${fix.id} → ${next}`).toContain(next);
      if (!fix.argv) {
        expect(fix.manual, fix.id).toBeDefined();
        continue;
      }
      const shape = fix.params.shape as Record<string, unknown>;
      const names = new Set(Object.keys(shape));
      if (fix.forEach) {
        expect(names, fix.id).toContain(fix.forEach);
        // Element fields (id, node) fill the placeholders of a per-element command.
        for (const k of ["id", "node"]) names.add(k);
      }
      const placeholders = fix.argv.flatMap((a) => [...a.matchAll(/\{([A-Za-z][A-Za-z0-9]*)\}/g)].map((m) => m[1]!));
      expect(placeholders.filter((p) => !names.has(p)), fix.id).toEqual([]);
      const sample = fix.argv.map((a) => a.replace(/\{[^}]+\}/g, "0"));
      expect(classifyCommand(sample), `${fix.id}: ${sample.join(" ")}`).not.toBe("forbidden");
    }
  });

  it("is served as data: no detect function, fix parameters as JSON Schema", () => {
    const doc = toPlaybookDocument(playbook);
    expect("detect" in doc).toBe(false);
    expect(JSON.parse(JSON.stringify(doc)).fixes[0].params.type).toBe("object");
    expect(toPlaybookSummary(playbook)).toMatchObject({ id: playbook.id, steps: playbook.investigation.length });
  });

  it("detect scores 0..1 on an empty input", () => {
    const r = playbook.detect({ instanceId: "x", now: Date.now(), health: null, probes: {} });
    expect(r.score).toBe(0);
    expect(r.evidence).toEqual([]);
  });
});

describe("the catalog", () => {
  it("has the ten stable ids of DESIGN.md, in order", () => {
    expect(PLAYBOOKS.map((p) => p.id)).toEqual([...PLAYBOOK_IDS]);
    expect(getPlaybook("lua-busy")?.id).toBe("lua-busy");
    expect(getPlaybook("nope")).toBeUndefined();
  });
});

describe("CORRECTIONS.md is applied", () => {
  const all = PLAYBOOKS.map(text).join("\n");

  it("never DEBUG, never MEMORY USAGE … SAMPLES 0, never DEL as a fix, no --eval claim", () => {
    expect(all).not.toMatch(/DEBUG (OBJECT|SLEEP)/);
    expect(all).not.toMatch(/SAMPLES 0\b(?! on)/);
    expect(all).not.toMatch(/redis-cli --eval/);
    for (const p of PLAYBOOKS) for (const f of p.fixes) expect(f.argv?.[0]).not.toBe("DEL");
  });

  it("#1 bigkey: MEMORY USAGE … SAMPLES 5 and the type's length command; UNLINK with lazyfree-lazy-user-del", () => {
    const bigkey = getPlaybook("bigkey")!;
    expect(text(bigkey)).toMatch(/MEMORY USAGE <key> SAMPLES 5/);
    expect(text(bigkey)).toMatch(/HLEN/);
    expect(bigkey.fixes.find((f) => f.id === "unlink-key")?.argv).toEqual(["UNLINK", "{key}"]);
    expect(text(bigkey)).toMatch(/lazyfree-lazy-user-del/);
  });

  it("#2 backlog: Δmaster_repl_offset/Δt, rate × outage × 2, memory warning, CONFIG SET repl-backlog-size", () => {
    const p = getPlaybook("replication-backlog")!;
    expect(text(p)).toMatch(/Δmaster_repl_offset/);
    expect(text(p)).toMatch(/× 2/);
    expect(text(p)).toMatch(/backlog-exceeds-memory/);
    expect(p.fixes.find((f) => f.id === "set-backlog-size")?.argv).toEqual(["CONFIG", "SET", "repl-backlog-size", "{bytes}"]);
  });

  it("#3 hotkey: the LFU policy is checked first; MONITOR bounded, HOTKEYS on ≥ 8.6 otherwise", () => {
    const p = getPlaybook("hotkey-stampede")!;
    expect(p.investigation[0]!.redisCli).toMatch(/maxmemory-policy/);
    expect(text(p)).toMatch(/timeout 5 redis-cli MONITOR/);
    expect(text(p)).toMatch(/HOTKEYS START/);
  });

  it("#4 Lua: both threshold names, SCRIPT KILL and FUNCTION KILL first, UNKILLABLE explained, PING to verify", () => {
    const p = getPlaybook("lua-busy")!;
    expect(text(p)).toMatch(/busy-reply-threshold/);
    expect(text(p)).toMatch(/lua-time-limit/);
    expect(p.fixes[0]!.argv).toEqual(["SCRIPT", "KILL"]);
    expect(p.fixes[1]!.argv).toEqual(["FUNCTION", "KILL"]);
    const unkillable = p.fixes[0]!.onError!.find((e) => e.match === "UNKILLABLE")!;
    expect(unkillable.next).toEqual(["failover-first", "shutdown-nosave"]);
    expect(p.fixes.find((f) => f.id === "shutdown-nosave")?.dataCost).toMatch(/since the last successful save/);
    expect(p.fixes[0]!.verify.redisCli).toMatch(/PING/);
    expect(p.fixes[0]!.reservedConnection).toBe(true);
  });

  it("#5 split brain: the three settings together; CLUSTER NODES compared from every node", () => {
    const p = getPlaybook("split-brain")!;
    const settings = p.prevention.configChecks.map((c) => c.setting);
    expect(settings).toEqual(expect.arrayContaining(["cluster-node-timeout", "min-replicas-to-write", "min-replicas-max-lag"]));
    expect(p.investigation[0]!.probe).toBe("cluster");
  });

  it("#6 fragmentation: ratio AND bytes, mem_allocator before activedefrag, thresholds in the fix", () => {
    const p = getPlaybook("fragmentation")!;
    expect(p.investigation[0]!.why).toMatch(/bytes/);
    const fix = p.fixes.find((f) => f.id === "enable-activedefrag")!;
    expect(fix.requiresAllocator).toBe("jemalloc");
    expect(fix.argv).toEqual(expect.arrayContaining(["activedefrag", "yes", "active-defrag-ignore-bytes", "active-defrag-threshold-lower"]));
    expect(text(p)).toMatch(/mem_allocator/);
  });

  it("#7 KEYS: an ACL rule at runtime; rename-command only in the config file with a restart", () => {
    const p = getPlaybook("keys-blocking")!;
    expect(p.fixes.find((f) => f.id === "acl-deny-keys")?.argv).toEqual(["ACL", "SETUSER", "{user}", "-keys"]);
    expect(p.fixes.find((f) => f.id === "acl-deny-dangerous")?.argv).toEqual(["ACL", "SETUSER", "{user}", "-@dangerous"]);
    expect(all).not.toMatch(/CONFIG SET rename-command(?! \(CONFIG SET rejects)/i);
    expect(p.fixes.find((f) => f.id === "rename-in-config")?.argv).toBeUndefined();
  });

  it("#8 connections: CLIENT KILL ID per listed connection, MAXAGE only ≥ 7.4 and not by Redline, timeout", () => {
    const p = getPlaybook("connection-exhaustion")!;
    const kill = p.fixes.find((f) => f.id === "kill-idle")!;
    expect(kill.argv).toEqual(["CLIENT", "KILL", "ID", "{id}"]);
    expect(kill.forEach).toBe("connections");
    const maxage = p.fixes.find((f) => f.id === "kill-maxage")!;
    expect(maxage.minVersion).toBe("7.4.0");
    expect(maxage.argv).toBeUndefined();
    expect(p.fixes.find((f) => f.id === "idle-timeout")?.argv).toEqual(["CONFIG", "SET", "timeout", "{seconds}"]);
    expect(p.investigation[0]!.redisCli).toMatch(/\+ 0 >= /);
  });

  it("#9 AOF: the three statuses and stop-writes-on-bgsave-error; MISCONF refuses writes; multi-part AOF names", () => {
    const p = getPlaybook("aof-disk-full")!;
    for (const s of ["rdb_last_bgsave_status", "aof_last_bgrewrite_status", "aof_last_write_status", "stop-writes-on-bgsave-error"]) expect(text(p)).toContain(s);
    expect(p.summary).toMatch(/MISCONF error/);
    expect(text(p)).toMatch(/appenddirname/);
    expect(text(p)).toMatch(/temp-rewriteaof-bg-<pid>\.aof/);
  });

  it("#10 k8s: restarted empty from Redis's side, persistence config, StatefulSet with volumeClaimTemplates", () => {
    const p = getPlaybook("k8s-data-loss")!;
    expect(text(p)).toMatch(/rdb_last_load_keys_loaded/);
    expect(p.investigation.map((s) => s.probe)).toEqual(expect.arrayContaining(["restart-history", "persistence"]));
    expect(p.fixes.find((f) => f.id === "statefulset")?.manual?.copyable).toMatch(/volumeClaimTemplates/);
  });
});
