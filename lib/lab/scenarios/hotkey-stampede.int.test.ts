// The hotkey-stampede scenario on a real redis-server: under allkeys-lfu the hot key has the highest
// OBJECT FREQ, its short TTL makes keyspace_misses jump in bursts, and stop() leaves nothing behind.
import { describe, expect, it } from "vitest";
import { createLabClient, labCommand, sleep } from "@/lib/lab";
import { infoNumber, parseInfo } from "@/lib/parse/info";
import type { RunningScenario } from "./scenario";
import { hotkeyStampedeScenario } from "./hotkey-stampede";
import { expectStopsClean, scenarioUnderTest } from "@/lib/testing/scenario-under-test";

const HOT = "product:flash:100";
const lab = scenarioUnderTest<RunningScenario>("hotkey-stampede", () => hotkeyStampedeScenario.start({ size: "small" }), 60_000);

describe("hotkey-stampede scenario", () => {
  it("runs an LFU policy and the hot key has a short TTL", async () => {
    const endpoint = lab.running.instances[0];
    expect(await labCommand(endpoint, ["CONFIG", "GET", "maxmemory-policy"])).toEqual(["maxmemory-policy", "allkeys-lfu"]);
    // Between an expiry and the clients' SET the key may be missing (-2) for the 50 ms "database" query.
    const ttl = Number(await labCommand(endpoint, ["TTL", HOT]));
    expect(ttl === -2 || (ttl >= 0 && ttl <= 3)).toBe(true);
  }, 10_000);

  it("keyspace_misses jumps by ≥ 10 within a second at an expiry", async () => {
    const client = createLabClient(lab.running.instances[0]);
    const samples: Array<{ t: number; misses: number }> = [];
    let best = 0;
    try {
      // One expiry every ~3 s: 8 s of samples every 100 ms see at least two.
      const deadline = Date.now() + 8_000;
      while (Date.now() < deadline && best < 10) {
        const misses = infoNumber(parseInfo(await client.call("INFO", "stats")), "keyspace_misses") ?? 0;
        const t = Date.now();
        samples.push({ t, misses });
        const windowStart = samples.find((s) => t - s.t <= 1_000)!;
        best = Math.max(best, misses - windowStart.misses);
        await sleep(100);
      }
    } finally {
      client.disconnect();
    }
    expect(best).toBeGreaterThanOrEqual(10);
  }, 15_000);

  it("OBJECT FREQ ranks the hot key above every catalogue key", async () => {
    const client = createLabClient(lab.running.instances[0]);
    try {
      let hotFreq = -1;
      let othersMax = 0;
      // Right after an expiry the key is new (freq 5) until its reads pile up again: look a few times.
      for (let attempt = 0; attempt < 10 && hotFreq <= othersMax; attempt++) {
        const keys: string[] = [];
        let cursor = "0";
        do {
          const [next, batch] = (await client.call("SCAN", cursor, "COUNT", "1000")) as [string, string[]];
          cursor = next;
          keys.push(...batch.filter((k) => k !== HOT));
        } while (cursor !== "0");
        const pipeline = client.pipeline();
        for (const k of keys) pipeline.call("OBJECT", "FREQ", k);
        const freqs = ((await pipeline.exec()) ?? []).map(([err, v]) => (err ? 0 : Number(v)));
        othersMax = Math.max(...freqs);
        hotFreq = Number(await client.call("OBJECT", "FREQ", HOT).catch(() => -1));
        expect(keys.length).toBeGreaterThanOrEqual(10_000);
        if (hotFreq <= othersMax) await sleep(300);
      }
      expect(hotFreq).toBeGreaterThan(othersMax);
    } finally {
      client.disconnect();
    }
  }, 20_000);

  it("stop() ends the load and leaves no process or dir", async () => {
    await expectStopsClean(lab, 1);
  }, 15_000);
});
