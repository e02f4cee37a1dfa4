// Alerts end to end against a real redis-server: maxclients lowered and idle clients opened make the
// clients rules go pending → firing (short `for` in tests), refused connections fire too, and all
// resolve when the clients leave; state survives a Redline restart without duplicates; the webhook
// receives firing and resolved, with retries.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Redis } from "ioredis";
import { createLabClient, labCommand, startStandalone, stopAll, waitUntil, type RedisProcess } from "@/lib/lab";
import { openSqliteStore, type OpenedStore } from "@/lib/testing/store-targets";
import { listAlerts } from "@/lib/store/alerts-repo";
import type { WebhookPayload } from "./alert-webhook";
import { postWebhook } from "./alert-webhook";
import { testSampler, type TestSampler } from "@/lib/testing/sampler-harness";
import { startWebhookReceiver, type WebhookReceiver } from "@/lib/testing/webhook-receiver";

const fast = {
  forSecondsOf: (r: { forSeconds: number }) => Math.min(r.forSeconds, 1),
  windows: { rateSeconds: 3, recentSeconds: 10 },
  webhook: { backoffMs: 20, timeoutMs: 2_000 },
};

describe("alerts on connection exhaustion", () => {
  let store: OpenedStore;
  let redis: RedisProcess;
  let hook: WebhookReceiver;
  let t: TestSampler;
  let id: string;
  const clients: Redis[] = [];

  const open = async (n: number) => {
    for (let i = 0; i < n; i++) {
      const c = createLabClient(redis);
      clients.push(c);
      await c.connect().catch(() => {}); // past maxclients the server refuses: that is the point
    }
  };
  const states = async () => (await listAlerts(store.db, { instanceId: id })).map((a) => `${a.ruleId}:${a.state}`).sort();
  const waitFor = (want: string[], what: string) =>
    waitUntil(
      async () => {
        const got = await states();
        return want.every((w) => got.includes(w)) ? true : got.join(", ") || "no alerts";
      },
      { timeoutMs: 15_000, intervalMs: 200, what },
    );

  beforeAll(async () => {
    let single: Awaited<ReturnType<typeof startStandalone>>;
    [store, single, hook] = await Promise.all([openSqliteStore(), startStandalone(), startWebhookReceiver()]);
    redis = single.node;
    await labCommand(redis, ["CONFIG", "SET", "maxclients", "10"]);
    t = testSampler(store.db, { ...fast, webhookUrl: hook.url });
    await t.sampler.start();
    id = await t.register({ name: "tight", host: redis.host, port: redis.port });
    await t.samples(id, 2);
  });

  afterAll(async () => {
    for (const c of clients) c.disconnect();
    await t?.stop();
    await stopAll();
    await hook?.close();
    await store?.cleanup();
  });

  it("a healthy instance fires nothing", async () => {
    await t.samples(id, 6);
    expect(await states()).toEqual([]);
  });

  it("clients at 80 % of maxclients: pending, then firing after `for`, with a webhook", async () => {
    await open(6); // + Redline's probe and reserved connections = 8 of 10
    await waitFor(["clients-warning:firing"], "clients-warning to fire");
    const [row] = await listAlerts(store.db, { instanceId: id });
    expect(row).toMatchObject({ severity: "warning", playbook: "connection-exhaustion", threshold: 80, value: 80, node: `127.0.0.1:${redis.port}` });
    expect(row!.firedAt! - row!.startedAt).toBeGreaterThanOrEqual(1_000);
    await t.sampler.engine.flush();
    expect(hook.bodies).toContainEqual(
      expect.objectContaining({ state: "firing", alert: expect.objectContaining({ ruleId: "clients-warning" }), instance: { id, name: "tight", address: `127.0.0.1:${redis.port}` } }),
    );
  });

  it("survives a Redline restart: open alerts are reloaded, not duplicated or re-notified", async () => {
    const before = await listAlerts(store.db, { instanceId: id, states: ["firing"] });
    await t.stop();
    t = testSampler(store.db, { ...fast, webhookUrl: hook.url, key: t.key });
    await t.sampler.start();
    await t.samples(id, 6);
    await t.sampler.engine.flush();
    expect(await listAlerts(store.db, { instanceId: id })).toEqual(before);
    expect(hook.bodies.filter((b) => (b as WebhookPayload).state === "firing")).toHaveLength(1);
  });

  it("at maxclients: critical replaces the warning and refused connections fire", async () => {
    await open(6); // 4 of them are refused
    await waitFor(["clients-critical:firing", "clients-rejecting:firing", "clients-warning:resolved"], "critical and rejecting to fire");
  });

  it("everything resolves when the clients leave, and the webhook says so", async () => {
    for (const c of clients.splice(0)) c.disconnect();
    await waitFor(["clients-critical:resolved", "clients-rejecting:resolved"], "the alerts to resolve");
    expect((await listAlerts(store.db, { instanceId: id, states: ["pending", "firing"] })).length).toBe(0);
    await t.sampler.engine.flush();
    const resolved = hook.bodies.filter((b) => (b as WebhookPayload).state === "resolved").map((b) => (b as WebhookPayload).alert.ruleId);
    expect(resolved.sort()).toEqual(["clients-critical", "clients-rejecting", "clients-warning"]);
  });
});

describe("alerts on a busy script", () => {
  let store: OpenedStore;
  let redis: RedisProcess;
  let t: TestSampler;

  beforeAll(async () => {
    let single: Awaited<ReturnType<typeof startStandalone>>;
    [store, single] = await Promise.all([openSqliteStore(), startStandalone({ args: ["--busy-reply-threshold", "200"] })]);
    redis = single.node;
    t = testSampler(store.db, fast);
    await t.sampler.start();
  });

  afterAll(async () => {
    await t?.stop();
    await stopAll();
    await store?.cleanup();
  });

  it("a BUSY reply is itself the signal: busy-script fires during the script and resolves after it", async () => {
    const id = await t.register({ name: "lua", host: redis.host, port: redis.port });
    await t.samples(id, 2);
    const scripter = createLabClient(redis, { commandTimeoutMs: 0 });
    const script = scripter.call("EVAL", "local s = redis.call('TIME')[1] while redis.call('TIME')[1] - s < 3 do end return 1", "0");
    try {
      await waitUntil(
        async () => ((await listAlerts(store.db, { instanceId: id })).some((a) => a.ruleId === "busy-script" && a.state === "firing") ? true : "not yet"),
        { timeoutMs: 5_000, intervalMs: 100, what: "busy-script to fire" },
      );
      const node = [...t.sampler.instances.get(id)!.nodes.values()][0]!;
      expect(node.latest!.error?.code).toBe("redis_busy_script");
    } finally {
      await script;
      scripter.disconnect();
    }
    await waitUntil(
      async () => ((await listAlerts(store.db, { instanceId: id })).some((a) => a.ruleId === "busy-script" && a.state === "resolved") ? true : "still open"),
      { timeoutMs: 5_000, intervalMs: 100, what: "busy-script to resolve" },
    );
    // The 3 s script is in the slowlog now: the slow-command rule pages; a new entry alone is a finding only.
    await waitUntil(
      async () => {
        const rules = (await listAlerts(store.db, { instanceId: id, states: ["firing"] })).map((a) => a.ruleId);
        return rules.includes("slow-command") ? true : rules.join(", ");
      },
      { timeoutMs: 5_000, intervalMs: 100, what: "the slow-command alert" },
    );
    expect((await listAlerts(store.db, { instanceId: id })).map((a) => a.ruleId)).not.toContain("slowlog-new-entries");
  });
});

describe("alert webhook delivery", () => {
  const payload = { alert: { id: "a" }, instance: { id: "i", name: "n", address: "h:1" }, state: "firing", at: new Date(0).toISOString() } as unknown as WebhookPayload;

  it("retries with backoff until the receiver accepts", async () => {
    const hook = await startWebhookReceiver({ failFirst: 2 });
    try {
      expect(await postWebhook(hook.url, payload, { backoffMs: 10 })).toBe(true);
      expect(hook.hits).toBe(3);
      expect(hook.bodies).toEqual([payload]);
    } finally {
      await hook.close();
    }
  });

  it("gives up after three tries without throwing", async () => {
    const hook = await startWebhookReceiver({ failFirst: 10 });
    try {
      expect(await postWebhook(hook.url, payload, { backoffMs: 10 })).toBe(false);
      expect(hook.hits).toBe(3);
    } finally {
      await hook.close();
    }
  });
});
