// PostgreSQL restarted under a running Redline (its own private cluster, never the shared one):
// while it is down every API call answers a clear 503 problem+json `store_unavailable`, and once it
// is back the same process serves again, with nothing it had saved missing. No restart of Redline.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrivatePostgres, type PrivatePostgres } from "@/lib/testing/private-postgres";
import { routeTestEnv, type Route } from "@/lib/testing/route-test-env";
import { within } from "@/lib/testing/fault-api";
import { startStandalone } from "@/lib/lab";

let postgres: PrivatePostgres;
let server: ReturnType<typeof routeTestEnv>;
let instances: { GET: Route; POST: Route };
let investigations: { GET: Route; POST: Route };

beforeAll(async () => {
  postgres = await createPrivatePostgres();
  await postgres.start();
  server = routeTestEnv("store-outage", { REDLINE_SAMPLER: "off", DATABASE_URL: postgres.url });
  instances = (await import("@/app/api/instances/route")) as unknown as typeof instances;
  investigations = (await import("@/app/api/investigations/route")) as unknown as typeof investigations;
}, 60_000);

afterAll(async () => {
  await server?.teardown();
  await postgres?.destroy();
});

describe("PostgreSQL restarted under Redline", () => {
  it("answers 503 store_unavailable while it is down, and recovers by itself when it is back", async () => {
    const redis = await startStandalone();
    const created = await server.call(instances.POST, "/api/instances", {}, { method: "POST", body: JSON.stringify({ name: "kept", host: redis.node.host, port: redis.node.port }) });
    expect(created.status).toBe(201);
    const id = ((await created.json()) as { instance: { id: string } }).instance.id;

    await postgres.stop();
    for (const [route, url, init] of [
      [instances.GET, "/api/instances", undefined],
      [investigations.POST, "/api/investigations", { method: "POST", body: JSON.stringify({ instanceId: id, playbookId: "bigkey" }) }],
      [investigations.GET, "/api/investigations", undefined],
    ] as const) {
      const t0 = Date.now();
      const res = await server.call(route, url, {}, init);
      expect(Date.now() - t0).toBeLessThan(10_000);
      expect(res.status).toBe(503);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      const problem = (await res.json()) as { code: string; detail: string };
      expect(problem.code).toBe("store_unavailable");
      expect(problem.detail).not.toMatch(/postgres:\/\//); // no connection string in the answer
    }

    await postgres.start();
    const back = await within(20_000, () => server.call(instances.GET, "/api/instances"), (r) => r.status === 200, 200);
    const list = ((await back.value.json()) as { instances: Array<{ instance: { id: string } }> }).instances;
    expect(list.map((i) => i.instance.id)).toContain(id);
    const started = await server.call(investigations.POST, "/api/investigations", {}, { method: "POST", body: JSON.stringify({ instanceId: id, playbookId: "bigkey" }) });
    expect(started.status).toBe(201);
  });
});
