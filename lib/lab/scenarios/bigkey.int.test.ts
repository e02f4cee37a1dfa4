// The bigkey scenario on a real redis-server: the whole-key reads show up in SLOWLOG with their
// command, key and duration, PING stalls behind them, and stop() leaves nothing behind.
import { describe, expect, it } from "vitest";
import { labCommand } from "@/lib/lab";
import { parseSlowlog } from "@/lib/parse/slowlog";
import type { RunningScenario } from "./scenario";
import { bigkeyScenario } from "./bigkey";
import { expectStopsClean, scenarioUnderTest } from "@/lib/testing/scenario-under-test";
import { worstPingMs } from "./support/server-signals";

const lab = scenarioUnderTest<RunningScenario>("bigkey", () => bigkeyScenario.start({ size: "small" }), 60_000);

describe("bigkey scenario", () => {
  it("holds a hash of at least 500k fields read whole with HGETALL, logged as ≥ 50 ms in SLOWLOG", async () => {
    const endpoint = lab.running.instances[0];
    expect(await labCommand(endpoint, ["HLEN", "user:profile:hash"])).toBeGreaterThanOrEqual(500_000);
    expect(await labCommand(endpoint, ["CONFIG", "GET", "slowlog-log-slower-than"])).toEqual(["slowlog-log-slower-than", "10000"]);
    const entries = parseSlowlog(await labCommand(endpoint, ["SLOWLOG", "GET", "128"]));
    const slow = entries.filter((e) => e.argv[0] === "HGETALL" && e.argv[1] === "user:profile:hash");
    expect(slow.length).toBeGreaterThan(0);
    expect(Math.max(...slow.map((e) => e.durationUs))).toBeGreaterThanOrEqual(50_000);
  }, 10_000);

  it("makes PING wait behind the read", async () => {
    // A read every ~2 s: PING in a loop for up to 5 s meets at least one.
    const worst = await worstPingMs(lab.running.instances[0], { forMs: 5_000, enoughMs: 50 });
    expect(worst).toBeGreaterThanOrEqual(50);
  }, 10_000);

  it("stop() ends the load and leaves no process or dir", async () => {
    await expectStopsClean(lab, 1);
  }, 15_000);
});
