// Faults of a topology, through the real API handlers: a cluster node going down (its row says so,
// the other nodes still answer, and it rejoins by itself), and a failover in the middle of an
// investigation (every step is kept, and the instance's new role shows without a restart).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Route } from "@/lib/testing/route-test-env";
import { ANSWER_WITHIN_MS, errorCodes, faultApi, faultTestEnv, within, type FaultApi } from "@/lib/testing/fault-api";
import { labCommand, startCluster, startRedis, startReplicaPair, waitUntil } from "@/lib/lab";
import type { InvestigationDetail } from "@/lib/investigations/types";

const RECOVER_WITHIN_MS = 30_000;
const NODE_TIMEOUT_MS = 2000;

const server = faultTestEnv("faults-topology");
let api: FaultApi;

beforeAll(async () => {
  api = await faultApi(server);
});
afterAll(() => server.teardown());

describe("topology faults", () => {
  it("a cluster node down: its row is redis_unreachable in time, the others answer, it rejoins by itself", async () => {
    const cluster = await startCluster({ masters: 3, replicasPerMaster: 0, nodeTimeoutMs: NODE_TIMEOUT_MS });
    const [first, , victim] = cluster.nodes as [(typeof cluster.nodes)[0], unknown, (typeof cluster.nodes)[0]];
    const id = await api.register({ name: "cluster", host: first.host, port: first.port, mode: "cluster" });
    const before = await api.health(id);
    expect(before.nodes).toHaveLength(3);
    expect(errorCodes(before)).toEqual([]);

    await victim.kill(); // its dir (nodes.conf) stays for the restart
    const t0 = Date.now();
    const health = await api.health(id);
    expect(Date.now() - t0).toBeLessThan(ANSWER_WITHIN_MS);
    const down = health.nodes.find((n) => n.node.port === victim.port);
    expect(down?.error?.code).toBe("redis_unreachable");
    expect(health.nodes.filter((n) => !n.error)).toHaveLength(2);
    const probe = await api.probe(id, "memory");
    expect(probe.partial).toBe(true);
    expect(errorCodes(probe)).toContain("redis_unreachable");

    await startRedis({
      dir: victim.dir,
      port: victim.port,
      args: ["--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", String(NODE_TIMEOUT_MS)],
    });
    await within(RECOVER_WITHIN_MS, () => api.health(id), (h) => h.nodes.length === 3 && errorCodes(h).length === 0, 250);
  });

  it("a failover in the middle of an investigation: every step is kept, the new role shows, no restart needed", async () => {
    const pair = await startReplicaPair();
    const id = await api.register({ name: "failing-over", host: pair.master.host, port: pair.master.port });
    const investigations = (await import("@/app/api/investigations/route")) as unknown as { POST: Route };
    const one = (await import("@/app/api/investigations/[id]/route")) as unknown as { GET: Route };
    const run = (await import("@/app/api/investigations/[id]/steps/[stepId]/run/route")) as unknown as { POST: Route };
    const created = await server.call(investigations.POST, "/api/investigations", {}, { method: "POST", body: JSON.stringify({ instanceId: id, playbookId: "replication-backlog" }) });
    expect(created.status).toBe(201);
    const invId = ((await created.json()) as { investigation: { id: string } }).investigation.id;
    const step = async (stepId: string) => {
      const res = await server.call(run.POST, `/api/investigations/${invId}/steps/${stepId}/run`, { id: invId, stepId }, { method: "POST", body: "{}" });
      // A step answers with its saved record, or a classified problem: never a bare 500.
      expect(res.status, await res.clone().text()).toBe(200);
      return res;
    };
    await step("persistence");
    expect((await api.health(id)).summary.role).toBe("master");

    // FAILOVER: the primary hands over to its replica and becomes a replica itself, while steps run.
    await labCommand(pair.master, ["FAILOVER", "TIMEOUT", "5000"]);
    const during = await Promise.all([step("memory"), step("config")]);
    expect(during.every((r) => r.status === 200)).toBe(true);
    await waitUntil(async () => String(await labCommand(pair.replica, ["ROLE"])).startsWith("master") || "replica not promoted yet", { timeoutMs: 10_000, what: "the replica to take over" });
    await within(ANSWER_WITHIN_MS + 5000, () => api.health(id), (h) => h.summary.role === "replica" && errorCodes(h).length === 0);
    await step("persistence");

    const res = await server.call(one.GET, `/api/investigations/${invId}`, { id: invId });
    const detail = ((await res.json()) as { investigation: InvestigationDetail }).investigation;
    expect(detail.steps.map((s) => s.stepId).sort()).toEqual(["config", "memory", "persistence", "persistence"]);
    // Results are kept verbatim, including which role the node had at the time.
    expect(JSON.stringify(detail.steps)).toMatch(/master/);
  });
});
