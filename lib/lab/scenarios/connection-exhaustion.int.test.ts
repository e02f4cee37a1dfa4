// The connection-exhaustion scenario on a real redis-server: a fresh connection is refused with
// "ERR max number of clients reached" and rejected_connections grows, while connections opened
// before the fill (the way Redline registers first) keep working and see the named groups in
// CLIENT LIST. stop() leaves nothing behind.
import { afterAll, describe, expect, it } from "vitest";
import type { Redis } from "ioredis";
import { createLabClient, labCommand, stopAll, trackedPids } from "@/lib/lab";
import { parseClientList } from "@/lib/parse/client-list";
import { connectionExhaustionScenario } from "./connection-exhaustion";
import { pingFreshConnection } from "./support/fresh-connection";
import { labProcessesSince, waitAllGone } from "./support/scenario-processes";

const MAX_CLIENTS_ERROR = /^ERR max number of clients reached/;

function field(info: unknown, name: string): number {
  return Number(new RegExp(`^${name}:(.*?)\\r?$`, "m").exec(String(info))?.[1]);
}

afterAll(() => stopAll());

describe("connection-exhaustion scenario", () => {
  it("fills after fillDelayMs: the early connections keep working, a fresh one is refused", async () => {
    const before = trackedPids();
    const t = Date.now();
    const running = await connectionExhaustionScenario.start({ size: "small", fillDelayMs: 1_000 });
    const procs = labProcessesSince(before);
    const endpoint = running.instances[0];
    // Like Redline at registration: a probe and an emergency connection, opened before the fill.
    const held: Redis[] = [createLabClient(endpoint), createLabClient(endpoint)];
    try {
      await Promise.all(held.map((c, i) => c.connect().then(() => c.call("CLIENT", "SETNAME", i ? "redline:emergency" : "redline:probe"))));
      await running.filled;
      console.log(`connection-exhaustion filled ${Date.now() - t} ms after start()`, running.notes, running.state);

      expect(await pingFreshConnection(endpoint)).toEqual({ reply: "ERR max number of clients reached", isError: true });
      const info = await held[0].info();
      expect(field(info, "connected_clients")).toBe(64);
      expect(field(info, "maxclients")).toBe(64);
      expect(field(info, "rejected_connections")).toBeGreaterThanOrEqual(2);
      expect(running.state.retrying.firstRefusal).toMatch(MAX_CLIENTS_ERROR);

      const clients = parseClientList(await held[1].call("CLIENT", "LIST"));
      const byName = (name: string) => clients.filter((c) => c.name === name);
      expect(byName("app-node-1").length).toBeGreaterThan(20);
      expect(byName("app-node-2").length).toBeGreaterThan(20);
      expect(byName("ops-jumpbox").every((c) => c.addr.startsWith("127.0.0.100:"))).toBe(true);
      expect(byName("app-node-1").every((c) => c.addr.startsWith("127.0.0.11:"))).toBe(true);
      expect(byName("redline:probe")).toHaveLength(1);
    } finally {
      for (const c of held) c.disconnect();
    }
    await running.stop();
    await waitAllGone(procs);
  }, 30_000);

  it("by default start() returns only once the server refuses a fresh connection", async () => {
    const before = trackedPids();
    const t = Date.now();
    const running = await connectionExhaustionScenario.start({ size: "small" });
    console.log(`connection-exhaustion (default) started in ${Date.now() - t} ms`);
    const procs = labProcessesSince(before);
    expect(await pingFreshConnection(running.instances[0])).toEqual({ reply: "ERR max number of clients reached", isError: true });
    // What an ioredis application sees instead: the connection closes before the error is read.
    await expect(labCommand(running.instances[0], ["PING"])).rejects.toThrow();
    expect(running.state.retrying.refusals).toBeGreaterThanOrEqual(1);
    await running.stop();
    await waitAllGone(procs);
  }, 30_000);

  it("with reserveForRedline, leaves slots until someone takes them", async () => {
    const before = trackedPids();
    const running = await connectionExhaustionScenario.start({ size: "small", reserveForRedline: 2 });
    const procs = labProcessesSince(before);
    const endpoint = running.instances[0];
    const held = [createLabClient(endpoint), createLabClient(endpoint)];
    try {
      await Promise.all(held.map((c) => c.connect()));
      await running.filled;
      expect(await pingFreshConnection(endpoint)).toEqual({ reply: "ERR max number of clients reached", isError: true });
      expect(field(await held[0].info("stats"), "rejected_connections")).toBeGreaterThanOrEqual(1);
    } finally {
      for (const c of held) c.disconnect();
    }
    await running.stop();
    await waitAllGone(procs);
  }, 30_000);
});
