// The playbook and triage routes through the real handlers, store and sampler (as instrumentation
// starts them): the catalog, one playbook as data, problems for unknown ids, and triage's response
// contract (unwrapped, best first, within 3 s), also when the sampler's history and alerts feed it.
import { routeTestEnv, type Route } from "@/lib/testing/route-test-env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLabClient, labCommand, startStandalone, waitUntil, type RedisProcess } from "@/lib/lab";

const server = routeTestEnv("triage-api", { REDLINE_SAMPLE_INTERVAL_MS: "500", REDLINE_SAMPLER: "on" });

const call = server.call;

interface TriageBody {
  instanceId: string;
  ranAt: string;
  durationMs: number;
  ranked: Array<{ playbookId: string; score: number; confident: boolean; evidence: Array<{ code: string; evidence: Record<string, unknown> }> }>;
}

describe("playbook and triage API", () => {
  let redis: RedisProcess;
  let id: string;
  let routes: { instances: { POST: Route }; playbooks: { GET: Route }; playbook: { GET: Route }; triage: { GET: Route } };
  let registry: typeof import("@/lib/metrics/sampler-registry");

  beforeAll(async () => {
    redis = (await startStandalone({ args: ["--busy-reply-threshold", "200"] })).node;
    registry = await import("@/lib/metrics/sampler-registry");
    routes = {
      instances: await import("@/app/api/instances/route"),
      playbooks: await import("@/app/api/playbooks/route"),
      playbook: await import("@/app/api/playbooks/[id]/route"),
      triage: await import("@/app/api/instances/[id]/triage/route"),
    } as typeof routes;
    expect(await registry.startSampler()).toBeDefined();
    const res = await call(routes.instances.POST, "/api/instances", {}, { method: "POST", body: JSON.stringify({ name: "triage-api", host: redis.host, port: redis.port }) });
    expect(res.status).toBe(201);
    id = ((await res.json()) as { instance: { id: string } }).instance.id;
    await labCommand(redis, ["EVAL", "for i = 1, 2000 do redis.call('SET', 'item:' .. i, 'v') end return 1", "0"]);
  });

  afterAll(async () => {
    await registry.getSampler()?.stop();
    registry.setSampler(undefined);
    await server.teardown();
  });

  it("GET /api/playbooks lists the ten playbooks", async () => {
    const res = await call(routes.playbooks.GET, "/api/playbooks");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { playbooks: Array<{ id: string; title: string; steps: number }> };
    expect(body.playbooks.map((p) => p.id)).toEqual([
      "bigkey", "replication-backlog", "hotkey-stampede", "lua-busy", "split-brain",
      "fragmentation", "keys-blocking", "connection-exhaustion", "aof-disk-full", "k8s-data-loss",
    ]);
  });

  it("GET /api/playbooks/:id serves data only; unknown and malformed ids are problems", async () => {
    const res = await call(routes.playbook.GET, "/api/playbooks/lua-busy", { id: "lua-busy" });
    expect(res.status).toBe(200);
    const { playbook } = (await res.json()) as { playbook: Record<string, unknown> & { fixes: Array<{ id: string; argv?: string[]; params: { type: string } }> } };
    expect(playbook.id).toBe("lua-busy");
    expect(playbook).not.toHaveProperty("detect");
    expect(playbook.fixes[0]).toMatchObject({ id: "script-kill", argv: ["SCRIPT", "KILL"], params: { type: "object" } });

    const missing = await call(routes.playbook.GET, "/api/playbooks/no-such-playbook", { id: "no-such-playbook" });
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toContain("application/problem+json");
    expect(await missing.json()).toMatchObject({ code: "not_found" });

    const bad = await call(routes.playbook.GET, "/api/playbooks/Bad!", { id: "Bad!" });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: "invalid_params" });
  });

  it("GET /api/instances/:id/triage answers the contract, unwrapped, best first, within 3 s", async () => {
    await waitUntil(async () => (registry.getSampler()?.instances.get(id)?.nodes.size ?? 0) > 0 || "not sampled yet", { timeoutMs: 10_000, what: "the sampler to follow" });
    const t0 = performance.now();
    const res = await call(routes.triage.GET, `/api/instances/${id}/triage`, { id });
    const wallMs = performance.now() - t0;
    expect(res.status).toBe(200);
    const body = (await res.json()) as TriageBody;
    console.log(`triage API (healthy): ${Math.round(wallMs)} ms wall, durationMs ${body.durationMs}, top ${body.ranked[0]!.playbookId}:${body.ranked[0]!.score}`);
    expect(Object.keys(body).sort()).toEqual(["durationMs", "instanceId", "ranAt", "ranked"]);
    expect(body.instanceId).toBe(id);
    expect(Number.isNaN(Date.parse(body.ranAt))).toBe(false);
    expect(body.ranked).toHaveLength(10);
    for (const r of body.ranked) expect(Object.keys(r).sort()).toEqual(["confident", "evidence", "playbookId", "score"]);
    for (let i = 1; i < body.ranked.length; i++) expect(body.ranked[i - 1]!.score).toBeGreaterThanOrEqual(body.ranked[i]!.score);
    expect(body.ranked.filter((r) => r.confident)).toEqual([]);
    expect(wallMs).toBeLessThan(3_000);

    const unknown = await call(routes.triage.GET, "/api/instances/00000000-0000-4000-8000-000000000000/triage", { id: "00000000-0000-4000-8000-000000000000" });
    expect(unknown.status).toBe(404);
  });

  it("with the sampler's history and alerts: a BUSY server ranks lua-busy first", async () => {
    const scripter = createLabClient(redis, { commandTimeoutMs: 0 });
    const running = scripter.eval("while true do end", 0).catch((e: Error) => e);
    try {
      await waitUntil(async () => registry.getSampler()!.engine.openAlerts(id).some((a) => a.findingCode === "lua.busy") || "no alert yet", { timeoutMs: 10_000, what: "the busy-script alert" });
      const t0 = performance.now();
      const res = await call(routes.triage.GET, `/api/instances/${id}/triage`, { id });
      const wallMs = performance.now() - t0;
      const body = (await res.json()) as TriageBody;
      console.log(`triage API (busy): ${Math.round(wallMs)} ms wall, top ${body.ranked[0]!.playbookId}:${body.ranked[0]!.score}`);
      expect(body.ranked[0]).toMatchObject({ playbookId: "lua-busy", confident: true });
      expect(wallMs).toBeLessThan(3_000);
    } finally {
      await labCommand(redis, ["SCRIPT", "KILL"]).catch(() => {});
      await running;
      scripter.disconnect();
    }
  });
});
