// The metrics and alerts API through the real route handlers, with the process's own store and
// sampler (as instrumentation starts them): registering an instance makes the sampler follow at
// once, the metrics route answers chart-ready series, health comes from the sampler, a per-instance
// rule override changes both health and alerts.
import { routeTestEnv, type Route } from "@/lib/testing/route-test-env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStandalone, waitUntil, type RedisProcess } from "@/lib/lab";

const server = routeTestEnv("metrics-api", { REDLINE_SAMPLE_INTERVAL_MS: "500", REDLINE_SAMPLER: "on" });

const call = server.call;

describe("metrics and alerts API", () => {
  let redis: RedisProcess;
  let id: string;
  let routes: {
    instances: { POST: Route };
    instance: { PATCH: Route };
    health: { GET: Route };
    metrics: { GET: Route };
    alerts: { GET: Route };
    rules: { GET: Route };
    prometheus: { GET: Route };
  };
  let registry: typeof import("./sampler-registry");

  beforeAll(async () => {
    redis = (await startStandalone()).node;
    registry = await import("./sampler-registry");
    routes = {
      instances: await import("@/app/api/instances/route"),
      instance: await import("@/app/api/instances/[id]/route"),
      health: await import("@/app/api/instances/[id]/health/route"),
      metrics: await import("@/app/api/instances/[id]/metrics/route"),
      alerts: await import("@/app/api/alerts/route"),
      rules: await import("@/app/api/alerts/rules/route"),
      prometheus: await import("@/app/api/metrics/route"),
    } as typeof routes;
    expect(await registry.startSampler()).toBeDefined();
    const res = await call(routes.instances.POST, "/api/instances", {}, { method: "POST", body: JSON.stringify({ name: "api-cache", host: redis.host, port: redis.port }) });
    expect(res.status).toBe(201);
    id = ((await res.json()) as { instance: { id: string } }).instance.id;
    await waitUntil(async () => ((registry.getSampler()!.instances.get(id)?.nodes.values().next().value?.ring.size ?? 0) >= 4 ? true : "sampling"), {
      timeoutMs: 15_000,
      what: "the sampler to pick up the new instance",
    });
  });

  afterAll(async () => {
    await registry?.stopSampler();
    await server.teardown();
  });

  it("answers chart-ready series for a window", async () => {
    const res = await call(routes.metrics.GET, `/api/instances/${id}/metrics?window=15m&series=clients.connected,latency.ping_ms`, { id });
    expect(res.status).toBe(200);
    const { metrics } = (await res.json()) as { metrics: import("./metrics-response").InstanceMetrics };
    expect(metrics).toMatchObject({ instanceId: id, window: "15m", source: "ring", intervalMs: 500, markers: [] });
    expect(metrics.series.map((s) => [s.id, s.unit, s.shape])).toEqual([
      ["clients.connected", "count", "value"],
      ["latency.ping_ms", "ms", "value"],
    ]);
    const [t, v] = metrics.series[0]!.points[0] as [number, number];
    expect(t).toBeGreaterThan(Date.now() - 60_000);
    expect(v).toBeGreaterThanOrEqual(2);
  });

  it("refuses a bad window as problem+json", async () => {
    const res = await call(routes.metrics.GET, `/api/instances/${id}/metrics?window=2h`, { id });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(await res.json()).toMatchObject({ code: "invalid_params" });
  });

  it("serves health from the sampler, and a rule override reaches health and alerts", async () => {
    const before = (await (await call(routes.health.GET, `/api/instances/${id}/health`, { id })).json()) as { health: { source: string; findings: Array<{ code: string }> } };
    expect(before.health.source).toBe("sampler");
    expect(before.health.findings.map((f) => f.code)).not.toContain("clients.near-maxclients");

    // 2 connected clients of 10 000 are 0.02 %: a 0.01 % warning threshold makes it hold.
    const patch = await call(routes.instance.PATCH, `/api/instances/${id}`, { id }, { method: "PATCH", body: JSON.stringify({ ruleOverrides: { "clients-warning": 0.01 } }) });
    expect(patch.status).toBe(200);
    expect(((await patch.json()) as { instance: { ruleOverrides: object } }).instance.ruleOverrides).toEqual({ "clients-warning": 0.01 });
    await waitUntil(
      async () => {
        const h = (await (await call(routes.health.GET, `/api/instances/${id}/health`, { id })).json()) as typeof before;
        return h.health.findings.some((f) => f.code === "clients.near-maxclients") ? true : "no finding yet";
      },
      { timeoutMs: 10_000, what: "the override to reach health" },
    );
    await waitUntil(
      async () => {
        const { alerts } = (await (await call(routes.alerts.GET, `/api/alerts?instanceId=${id}`)).json()) as { alerts: Array<{ ruleId: string; state: string; threshold: number; instance: { name: string } }> };
        return alerts.some((a) => a.ruleId === "clients-warning" && a.threshold === 0.01 && a.instance.name === "api-cache") ? true : JSON.stringify(alerts);
      },
      { timeoutMs: 10_000, what: "a pending clients-warning alert at the overridden threshold" },
    );
  });

  it("refuses an override of an unknown rule", async () => {
    const res = await call(routes.instance.PATCH, `/api/instances/${id}`, { id }, { method: "PATCH", body: JSON.stringify({ ruleOverrides: { "made-up": 1 } }) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: Array<{ field: string }> }).errors[0]!.field).toBe("ruleOverrides.made-up");
  });

  it("exposes Prometheus metrics and rules", async () => {
    const prom = await call(routes.prometheus.GET, "/api/metrics");
    expect(prom.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await prom.text()).toContain(`redline_clients_connected{instance="api-cache",address="127.0.0.1:${redis.port}",role="master"}`);
    const rules = await call(routes.rules.GET, "/api/alerts/rules");
    expect(rules.headers.get("content-type")).toBe("text/yaml; charset=utf-8");
    expect(await rules.text()).toMatch(/^groups:$/m);
  });
});
