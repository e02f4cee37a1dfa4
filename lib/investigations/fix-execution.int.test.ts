// Guarded fix execution against real redis-servers: refused without remediation, with a wrong
// confirmation or too low a role; SCRIPT KILL ends a read-only script (verify probe: no BUSY after);
// on a script that wrote first it answers UNKILLABLE and the fix explains the ways out and sends
// nothing else; a CONFIG SET fix succeeds, and activedefrag's refusal on Debian's build is
// classified. Every command sent is in the audit log with its argv and reply. Never 6379.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStandalone, stopAll, type RedisProcess, type Topology } from "@/lib/lab";
import { connectionExhaustionScenario } from "@/lib/lab/scenarios/connection-exhaustion";
import { luaBusyScenario } from "@/lib/lab/scenarios/lua-busy";
import type { RunningScenario } from "@/lib/lab/scenarios/scenario";
import { ApiError } from "@/lib/api/problem";
import { getConnectionManager } from "@/lib/redis/connection-manager";
import type { Caller } from "@/lib/security/caller";
import { queryAudit } from "@/lib/store/audit-repo";
import type { InstanceConnectionConfig } from "@/lib/store/instances-repo";
import { labConfig } from "@/lib/testing/instance-config";
import { openSqliteStore, type OpenedStore } from "@/lib/testing/store-targets";
import { draftFix } from "./fix-draft";
import { executeFix } from "./fix-execution";
import { loadInvestigation, runStep, startInvestigation, type InvestigationDeps } from "./investigation-service";
import type { FixExecutionResult } from "./types";

const admin: Caller = { id: "u-admin", name: "alice", role: "admin", via: "session" };
const responder: Caller = { id: "u-resp", name: "bob", role: "responder", via: "session" };
const viewer: Caller = { id: "u-view", name: "carol", role: "viewer", via: "session" };

let store: OpenedStore;
const configs = new Map<string, InstanceConnectionConfig>();
const running: RunningScenario[] = [];

function deps(): InvestigationDeps {
  return {
    db: store.db,
    requireConfig: async (id) => {
      const c = configs.get(id);
      if (!c) throw new ApiError("not_found", `No instance with id ${id}`);
      return c;
    },
  };
}

function register(node: { host: string; port: number; password?: string }, allowRemediation: boolean): InstanceConnectionConfig {
  expect(node.port).not.toBe(6379);
  const c = labConfig(node, { allowRemediation });
  configs.set(c.id, c);
  return c;
}

async function luaBusy(writeFirst: boolean): Promise<InstanceConnectionConfig> {
  const r = await luaBusyScenario.start({ size: "small", writeFirst });
  running.push(r);
  return register(r.instances[0]!, true);
}

const auditOf = async (investigationId: string) => (await queryAudit(store.db, { action: "fix.execute", limit: 1000 })).filter((e) => e.detail.investigationId === investigationId);

beforeAll(async () => {
  store = await openSqliteStore();
});

afterAll(async () => {
  getConnectionManager().closeAll();
  for (const r of running) await r.stop().catch(() => {});
  await store?.cleanup();
  await stopAll();
});

describe("fix execution on a BUSY script (lua-busy)", () => {
  it("refuses when the instance does not allow remediation", async () => {
    const r = await luaBusyScenario.start({ size: "small" });
    running.push(r);
    const off = register(r.instances[0]!, false);
    const inv = await startInvestigation({ instanceId: off.id, playbookId: "lua-busy" }, deps());
    await expect(executeFix({ investigationId: inv.id, actionId: "script-kill", confirmation: "SCRIPT KILL", user: admin }, deps())).rejects.toMatchObject({ code: "forbidden" });
    expect(await auditOf(inv.id)).toEqual([]);
    expect((await loadInvestigation(inv.id, deps())).steps).toEqual([]);
    await r.stop();
  }, 60_000);

  it("checks the role, the confirmation and manual fixes before sending anything; then SCRIPT KILL ends the script", async () => {
    const config = await luaBusy(false);
    const inv = await startInvestigation({ instanceId: config.id, playbookId: "lua-busy" }, deps());
    const base = { investigationId: inv.id, actionId: "script-kill", confirmation: "SCRIPT KILL" };

    // SCRIPT KILL stops only a script that wrote nothing: a config-risk fix, a responder's call; a
    // viewer may not. A destructive fix (UNLINK of a key) needs an admin.
    await expect(executeFix({ ...base, user: viewer }, deps())).rejects.toMatchObject({ code: "forbidden" });
    const bigkeyInv = await startInvestigation({ instanceId: config.id, playbookId: "bigkey" }, deps());
    await expect(
      executeFix({ investigationId: bigkeyInv.id, actionId: "unlink-key", params: { key: "k" }, confirmation: "UNLINK k", user: responder }, deps()),
    ).rejects.toMatchObject({ code: "forbidden", message: expect.stringMatching(/admin/) });
    await expect(
      executeFix({ investigationId: inv.id, actionId: "set-threshold", params: {}, confirmation: "CONFIG SET busy-reply-threshold 5000", user: viewer }, deps()),
    ).rejects.toMatchObject({ code: "forbidden" });
    // Wrong confirmation: field `confirmation`.
    const wrong = await executeFix({ ...base, confirmation: "script kill please", user: admin }, deps()).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(ApiError);
    expect(wrong).toMatchObject({ code: "invalid_params", errors: [expect.objectContaining({ field: "confirmation" })] });
    // Manual fixes are never sent.
    await expect(executeFix({ investigationId: inv.id, actionId: "shutdown-nosave", confirmation: "", user: admin }, deps())).rejects.toMatchObject({ code: "invalid_params" });
    await expect(executeFix({ ...base, actionId: "no-such-fix", user: admin }, deps())).rejects.toMatchObject({ code: "not_found" });
    expect(await auditOf(inv.id)).toEqual([]);

    const { execution } = await executeFix({ ...base, user: responder }, deps());
    expect(execution.argv).toEqual([["SCRIPT", "KILL"]]);
    expect(execution.replies).toEqual([{ argv: ["SCRIPT", "KILL"], node: `${config.host}:${config.port}`, reply: "OK" }]);
    expect(execution.before.findings.map((f) => f.code)).toContain("lua.busy");
    expect(execution.after.findings.map((f) => f.code)).not.toContain("lua.busy");
    expect(execution.verified).toBe(true);
    expect(execution.onError).toBeUndefined();

    const audit = await auditOf(inv.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: "bob", action: "fix.execute", instanceId: config.id, detail: { investigationId: inv.id, actionId: "script-kill", argv: ["SCRIPT", "KILL"], reply: "OK", via: "session" } });
    expect(audit[0]!.at).toBeGreaterThan(0);

    const steps = (await loadInvestigation(inv.id, deps())).steps;
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({ stepId: "fix:script-kill", who: "bob" });
    const stored = steps[0]!.result as FixExecutionResult;
    expect(stored).toMatchObject({ kind: "fix", argv: [["SCRIPT", "KILL"]], verified: true, replies: [{ reply: "OK" }] });
    expect(stored.before.findings.map((f) => f.code)).toContain("lua.busy");
  }, 90_000);

  it("on a script that wrote first: UNKILLABLE, the onError explanation, and nothing else sent", async () => {
    const config = await luaBusy(true);
    const inv = await startInvestigation({ instanceId: config.id, playbookId: "lua-busy" }, deps());
    const { execution } = await executeFix({ investigationId: inv.id, actionId: "script-kill", confirmation: "SCRIPT KILL", user: admin }, deps());
    expect(execution.replies).toHaveLength(1);
    expect(execution.replies[0]).toMatchObject({ argv: ["SCRIPT", "KILL"], error: { message: expect.stringMatching(/UNKILLABLE/) } });
    expect(execution.onError).toMatchObject({ match: "UNKILLABLE", next: ["failover-first", "shutdown-nosave"] });
    expect(execution.onError!.explain).toMatch(/SHUTDOWN NOSAVE/);
    expect(execution.onError!.explain).toMatch(/since the last save is lost/);
    expect(execution.onError!.explain).toMatch(/promote a replica/);
    expect(execution.verified).toBe(false);
    expect(execution.after.findings.map((f) => f.code)).toContain("lua.busy");

    const audit = await auditOf(inv.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).toMatchObject({ argv: ["SCRIPT", "KILL"], error: { message: expect.stringMatching(/UNKILLABLE/) } });
    expect((await loadInvestigation(inv.id, deps())).steps.map((s) => s.stepId)).toEqual(["fix:script-kill"]);
  }, 90_000);
});

describe("config fixes on a standalone", () => {
  let lab: Topology & { node: RedisProcess };
  let config: InstanceConnectionConfig;

  beforeAll(async () => {
    lab = await startStandalone();
    config = register(lab.node, true);
  }, 30_000);

  it("CONFIG SET repl-backlog-size: a responder may, the server says OK, the setting changed", async () => {
    const inv = await startInvestigation({ instanceId: config.id, playbookId: "replication-backlog" }, deps());
    const bytes = 8 * 1024 * 1024;
    const confirmation = `CONFIG SET repl-backlog-size ${bytes}`;
    await expect(executeFix({ investigationId: inv.id, actionId: "set-backlog-size", params: { bytes: 1 }, confirmation, user: responder }, deps())).rejects.toMatchObject({ code: "invalid_params" });
    const { execution } = await executeFix({ investigationId: inv.id, actionId: "set-backlog-size", params: { bytes }, confirmation, user: responder }, deps());
    expect(execution.replies).toEqual([{ argv: ["CONFIG", "SET", "repl-backlog-size", String(bytes)], node: `${config.host}:${config.port}`, reply: "OK" }]);
    expect(execution.verified).toBe(true);
    const reply = await getConnectionManager().forInstance(config).runner(undefined).call(["CONFIG", "GET", "repl-backlog-size"]);
    expect(reply).toEqual(["repl-backlog-size", String(bytes)]);
    const audit = await auditOf(inv.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: "bob", detail: { argv: ["CONFIG", "SET", "repl-backlog-size", String(bytes)], reply: "OK" } });
  }, 60_000);

  it("CONFIG SET activedefrag yes on this build: the classified refusal and the fix's explanation", async () => {
    const inv = await startInvestigation({ instanceId: config.id, playbookId: "fragmentation" }, deps());
    const confirmation = `CONFIG SET activedefrag yes active-defrag-ignore-bytes ${100 * 1024 * 1024} active-defrag-threshold-lower 10`;
    const { execution } = await executeFix({ investigationId: inv.id, actionId: "enable-activedefrag", params: {}, confirmation, user: responder }, deps());
    expect(execution.replies).toHaveLength(1);
    expect(execution.replies[0]!.error).toMatchObject({ code: "redis_error", message: expect.stringMatching(/cannot be enabled/) });
    expect(execution.onError).toMatchObject({ match: "cannot be enabled", next: ["restart-after-failover"] });
    expect(execution.onError!.explain).toMatch(/jemalloc/);
    const audit = await auditOf(inv.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).toMatchObject({ actionId: "enable-activedefrag", error: { message: expect.stringMatching(/cannot be enabled/) } });
  }, 60_000);
});

describe("a fix drafted from the investigation's results (connection-exhaustion)", () => {
  it("lists the idle connections of the clients step, leaves out active ones, and closes exactly those", async () => {
    // Redline connects (probe + reserved) before the fill, as a dashboard watching the server would.
    const r = await connectionExhaustionScenario.start({ size: "small", fillDelayMs: 1_500, activeIntervalMs: 500 });
    running.push(r);
    const config = register(r.instances[0]!, true);
    const conns = getConnectionManager().forInstance(config);
    await Promise.all([conns.runner(undefined).call(["PING"]), conns.reserved(undefined).call(["PING"])]);
    await r.filled;
    const inv = await startInvestigation({ instanceId: config.id, playbookId: "connection-exhaustion" }, deps());

    // Nothing saved yet: the draft says which step to run, and renders nothing.
    const empty = await draftFix(inv.id, "kill-idle", {}, deps());
    expect(empty).toMatchObject({ commands: [], confirmation: "", hint: expect.stringMatching(/clients step/) });
    expect(empty.errors.length).toBeGreaterThan(0);

    // The idle leftovers have been idle ≥ 2 s by now; the active pool connections ran a command < 0.5 s ago.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    await runStep(inv.id, "clients", {}, deps());
    await expect(draftFix(inv.id, "kill-idle", { minIdleSeconds: 5 }, deps())).resolves.toMatchObject({ errors: expect.arrayContaining([expect.stringMatching(/minIdleSeconds/)]) });
    // The schema's floor is 10 s: wait for the leftovers to be that idle, and run the step again.
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    await runStep(inv.id, "clients", {}, deps());
    const draft = await draftFix(inv.id, "kill-idle", { minIdleSeconds: 10 }, deps());
    expect(draft.errors).toEqual([]);
    const listed = draft.params.connections as Array<{ node: string; id: number }>;
    expect(listed.length).toBeGreaterThan(0);
    expect(draft.itemLabels).toHaveLength(listed.length);
    // Only idle connections, never Redline's own, never an active pool connection.
    expect(draft.itemLabels!.join("\n")).not.toMatch(/redline:/);
    expect(draft.itemLabels!.every((l) => Number(/idle (\d+) s/.exec(l)![1]) >= 10)).toBe(true);
    expect(draft.commands).toEqual(listed.map((c, i) => `${i === 0 ? `# on ${c.node}\n` : ""}CLIENT KILL ID ${c.id}`));
    expect(draft.confirmation).toBe(listed.map((c) => `CLIENT KILL ID ${c.id}`).join("\n"));

    const before = await conns.reserved(undefined).call(["CLIENT", "LIST"]);
    const { execution } = await executeFix({ investigationId: inv.id, actionId: "kill-idle", params: draft.params, confirmation: draft.confirmation, user: admin }, deps());
    expect(execution.replies.every((x) => x.reply === 1)).toBe(true);
    expect(execution.replies).toHaveLength(listed.length);
    const after = String(await conns.reserved(undefined).call(["CLIENT", "LIST"]));
    for (const c of listed) expect(after).not.toMatch(new RegExp(`\\bid=${c.id}\\b`));
    expect(String(before).split("\n").filter(Boolean).length).toBeGreaterThan(after.split("\n").filter(Boolean).length);
    expect(await auditOf(inv.id)).toHaveLength(listed.length);
    expect(execution.before.findings.map((f) => f.code)).toContain("clients.near-maxclients");
    expect(execution.verified).toBe(true);
  }, 90_000);
});
