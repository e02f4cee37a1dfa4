// Triage against real redis-server processes (never port 6379): a healthy server matches nothing
// confidently; a server stuck in a script, a server full of connections that Redline cannot even
// connect to, and a server where a client ran KEYS * over 200k keys each rank their playbook first,
// within the 3 s budget.
import { afterAll, describe, expect, it } from "vitest";
import type { Redis } from "ioredis";
import { createLabClient, labCommand, startStandalone, stopAll, waitUntil } from "@/lib/lab";
import { getConnectionManager } from "@/lib/redis/connection-manager";
import { labConfig } from "@/lib/testing/instance-config";
import { runTriage } from "./run-triage";

const BUDGET_MS = 3_000;

afterAll(async () => {
  getConnectionManager().closeAll();
  await stopAll();
});

function summary(ranked: Awaited<ReturnType<typeof runTriage>>["ranked"]): string {
  return ranked
    .slice(0, 3)
    .map((r) => `${r.playbookId}:${r.score}[${r.evidence.map((e) => e.code).join(",")}]`)
    .join("  ");
}

describe("triage on real servers", () => {
  it("a healthy standalone with data and traffic: no confident match", async () => {
    const lab = await startStandalone();
    await labCommand(lab.node, ["EVAL", "for i = 1, 5000 do redis.call('SET', 'profile:' .. i, string.rep('x', 64)) end return 1", "0"]);
    for (let i = 0; i < 50; i++) await labCommand(lab.node, ["GET", `profile:${i}`]);
    const result = await runTriage(labConfig(lab.node), { history: null });
    console.log(`healthy: ${result.durationMs} ms  ${summary(result.ranked)}`);
    expect(result.ranked.filter((r) => r.confident).map((r) => r.playbookId)).toEqual([]);
    expect(result.durationMs).toBeLessThan(BUDGET_MS);
  });

  it("a script that never ends (BUSY): lua-busy first and confident", async () => {
    const lab = await startStandalone({ args: ["--busy-reply-threshold", "200"] });
    const scripter = createLabClient(lab.node, { commandTimeoutMs: 0 });
    const running = scripter.eval("local n = 0 while true do n = n + 1 end", 0).catch((e: Error) => e);
    try {
      await waitUntil(async () => labCommand(lab.node, ["PING"]).then((r) => `PING answered ${String(r)}`, (e: Error) => /^BUSY/.test(e.message) || e.message), {
        timeoutMs: 10_000,
        what: "BUSY",
      });
      const result = await runTriage(labConfig(lab.node), { history: null });
      console.log(`busy: ${result.durationMs} ms  ${summary(result.ranked)}`);
      expect(result.ranked[0]).toMatchObject({ playbookId: "lua-busy", confident: true });
      expect(result.ranked.filter((r) => r.confident).map((r) => r.playbookId)).toEqual(["lua-busy"]);
      expect(result.durationMs).toBeLessThan(BUDGET_MS);
    } finally {
      await labCommand(lab.node, ["SCRIPT", "KILL"]).catch(() => {});
      await running;
      scripter.disconnect();
    }
  });

  it("maxclients reached before Redline connected: connection-exhaustion first and confident", async () => {
    const lab = await startStandalone({ args: ["--maxclients", "16"] });
    const fillers: Redis[] = [];
    try {
      for (;;) {
        const c = createLabClient(lab.node);
        try {
          await c.ping();
          fillers.push(c);
        } catch {
          c.disconnect();
          break;
        }
      }
      expect(fillers.length).toBeGreaterThan(10);
      const result = await runTriage(labConfig(lab.node), { history: null });
      console.log(`maxclients: ${result.durationMs} ms  ${summary(result.ranked)}`);
      expect(result.ranked[0]).toMatchObject({ playbookId: "connection-exhaustion", confident: true });
      expect(result.ranked[0]!.evidence[0]).toMatchObject({ code: "clients.refused", evidence: { error: "redis_max_clients" } });
      expect(result.durationMs).toBeLessThan(BUDGET_MS);
    } finally {
      for (const c of fillers) c.disconnect();
    }
  });

  it("a client ran KEYS * over 200k keys with a low slowlog threshold: keys-blocking first and confident", async () => {
    const lab = await startStandalone({ args: ["--slowlog-log-slower-than", "1000"] });
    const setup = createLabClient(lab.node, { commandTimeoutMs: 60_000 });
    const job = createLabClient(lab.node, { commandTimeoutMs: 60_000 });
    try {
      for (let first = 1; first <= 200_000; first += 50_000) {
        await setup.eval("for i = tonumber(ARGV[1]), tonumber(ARGV[1]) + 49999 do redis.call('SET', 'sess:' .. i, 'v') end return 1", 0, String(first));
      }
      // The fill is test plumbing: only the job's KEYS should be evidence.
      await setup.call("CONFIG", "RESETSTAT");
      await setup.call("SLOWLOG", "RESET");
      setup.disconnect();
      await job.call("CLIENT", "SETNAME", "maintenance-job");
      const matched = (await job.call("KEYS", "*")) as unknown[];
      expect(matched).toHaveLength(200_000);

      const result = await runTriage(labConfig(lab.node), { history: null });
      console.log(`keys: ${result.durationMs} ms  ${summary(result.ranked)}`);
      expect(result.ranked[0]).toMatchObject({ playbookId: "keys-blocking", confident: true });
      expect(result.ranked.find((r) => r.playbookId === "bigkey")!.confident).toBe(false);
      expect(result.durationMs).toBeLessThan(BUDGET_MS);
    } finally {
      job.disconnect();
    }
  });
});
