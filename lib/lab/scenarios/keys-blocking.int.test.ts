// The keys-blocking scenario on a real redis-server: a million keys, a client running KEYS
// session:* that SLOWLOG records at ≥ 100 ms, PING stalled behind it, and nothing left after stop().
import { describe, expect, it } from "vitest";
import { labCommand } from "@/lib/lab";
import { parseClientList } from "@/lib/parse/client-list";
import { parseSlowlog } from "@/lib/parse/slowlog";
import type { RunningScenario } from "./scenario";
import { keysBlockingScenario } from "./keys-blocking";
import { expectStopsClean, scenarioUnderTest } from "@/lib/testing/scenario-under-test";
import { worstPingMs } from "./support/server-signals";

const lab = scenarioUnderTest<RunningScenario>("keys-blocking", () => keysBlockingScenario.start({ size: "small" }), 60_000);

describe("keys-blocking scenario", () => {
  it("holds at least a million keys and SLOWLOG shows KEYS session:* taking ≥ 100 ms", async () => {
    const endpoint = lab.running.instances[0];
    expect(await labCommand(endpoint, ["DBSIZE"])).toBeGreaterThanOrEqual(1_000_000);
    const entries = parseSlowlog(await labCommand(endpoint, ["SLOWLOG", "GET", "128"]));
    const keys = entries.filter((e) => e.argv[0] === "KEYS" && e.argv[1] === "session:*");
    expect(keys.length).toBeGreaterThan(0);
    expect(Math.max(...keys.map((e) => e.durationUs))).toBeGreaterThanOrEqual(100_000);
  }, 10_000);

  it("CLIENT LIST shows the client that runs KEYS", async () => {
    const clients = parseClientList(await labCommand(lab.running.instances[0], ["CLIENT", "LIST"]));
    expect(clients.some((c) => c.cmd === "keys")).toBe(true);
  }, 10_000);

  it("makes PING wait behind KEYS", async () => {
    // One KEYS every ~3 s plus its own duration: 6 s of PINGs meet at least one.
    const worst = await worstPingMs(lab.running.instances[0], { forMs: 6_000, enoughMs: 100 });
    expect(worst).toBeGreaterThanOrEqual(100);
  }, 10_000);

  it("stop() ends the load and leaves no process or dir", async () => {
    await expectStopsClean(lab, 1);
  }, 15_000);
});
