// Do no harm, proven on the wire: every probe of the catalog runs against a server holding big keys
// of every type, a hot key, a slow script and a KEYS call by someone else, with its default
// parameters, and the hot-key probe once more with its MONITOR window. A MONITOR of the lab records
// what Redline's connections sent: nothing on the forbidden list (DESIGN.md), nothing that writes,
// MEMORY USAGE always with SAMPLES 5, and never more than two connections. Never 6379.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLabClient, startStandalone, type RedisProcess, type Topology } from "@/lib/lab";
import { classifyCommand } from "@/lib/redis/command-policy";
import { getConnectionManager } from "@/lib/redis/connection-manager";
import { recordCommands, type Recording } from "@/lib/testing/command-recorder";
import { labConfig } from "@/lib/testing/instance-config";
import { plant } from "@/lib/testing/plant-keys";
import { PROBES, getProbe } from "./registry";
import { runProbe } from "./run-probe";

/** Short windows for the sampling probes; everything else is the probe's default. */
const FAST: Record<string, Record<string, unknown>> = { latency: { durationMs: 300 }, replication: { sampleMs: 300 }, "backlog-calculator": { sampleMs: 300 } };

let lab: Topology & { node: RedisProcess };
/** One registration: two configs of the same server would be two instances, with two connections each. */
let target: ReturnType<typeof labConfig>;

beforeAll(async () => {
  lab = await startStandalone({ args: ["--maxmemory-policy", "allkeys-lfu", "--slowlog-log-slower-than", "1000"] });
  expect(lab.node.port).not.toBe(6379);
  target = labConfig(lab.node);
  const c = createLabClient(lab.node, { commandTimeoutMs: 30_000 });
  try {
    await plant(c, "orders:blob", "string", 2_000_000);
    for (const type of ["list", "set", "zset", "hash"] as const) await plant(c, `orders:${type}`, type, 60_000);
    await plant(c, "events:stream", "stream", 5_000);
    const pipe = c.pipeline();
    for (let i = 0; i < 3_000; i++) pipe.set(`session:${i}`, `v${i}`, "EX", 600);
    await pipe.exec();
    // What an incident leaves behind: a slow script and a KEYS call from an application.
    await c.eval("local n = 0 for i = 1, 3000000 do n = n + 1 end return n", 0);
    await c.call("KEYS", "session:1*");
  } finally {
    c.disconnect();
  }
}, 60_000);

afterAll(async () => {
  getConnectionManager().closeAll();
  await lab?.stop();
});

/** Commands the recording itself (MONITOR, CLIENT LIST, INFO) or the test's own clients sent. */
const NOT_REDLINE = new Set(["monitor", "client|list", "info", "get", "config|set"]);

function expectHarmless(recording: Recording, alsoAllowed: string[] = []) {
  expect(recording.commands.length).toBeGreaterThan(0);
  // Everything that ran on the server, admin commands included (MONITOR does not show those).
  const ran = Object.keys(recording.executed).filter((cmd) => !NOT_REDLINE.has(cmd) && !alsoAllowed.includes(cmd));
  expect(ran.filter((cmd) => classifyCommand(cmd.toUpperCase().split("|")) !== "read")).toEqual([]);
  const refused = recording.commands.filter((argv) => classifyCommand(argv) !== "read").map((argv) => argv.join(" "));
  expect(refused).toEqual([]);
  for (const argv of recording.commands) {
    const [name, sub] = argv.map((a) => a.toUpperCase());
    if (name === "MEMORY" && sub === "USAGE") expect(argv.slice(3).map((a) => a.toUpperCase())).toEqual(["SAMPLES", "5"]);
  }
  expect(recording.maxRedlineConnections).toBeGreaterThan(0);
  expect(recording.maxRedlineConnections).toBeLessThanOrEqual(2);
}

describe("every probe, recorded with MONITOR", () => {
  it("sends only read commands, never a forbidden one, over at most two connections", async () => {
    const recorder = await recordCommands(lab.node);
    const ran: string[] = [];
    let recording: Recording;
    try {
      for (const probe of PROBES) {
        const r = await runProbe(probe, target, probe.params.parse(FAST[probe.id] ?? {}));
        expect(r.error, probe.id).toBeUndefined();
        ran.push(probe.id);
      }
    } finally {
      recording = await recorder.stop();
    }
    expect(ran).toHaveLength(PROBES.length);
    expectHarmless(recording);
    // The scans and reads that matter really ran: MONITOR saw the keyspace reads, commandstats the
    // admin ones it never shows.
    const sent = new Set(recording.commands.map((a) => a[0]!.toUpperCase()));
    for (const c of ["SCAN", "TYPE", "MEMORY", "OBJECT", "PTTL", "INFO"]) expect(sent.has(c), c).toBe(true);
    for (const c of ["config|get", "slowlog|get", "acl|dryrun", "latency|latest", "memory|usage"]) expect(recording.executed[c] ?? 0, c).toBeGreaterThan(0);
    expect(recording.executed.keys ?? 0).toBe(0);
  }, 120_000);

  it("the hot-key MONITOR window, asked for explicitly, only reads too", async () => {
    const setup = createLabClient(lab.node);
    await setup.call("CONFIG", "SET", "maxmemory-policy", "noeviction");
    // The recorder's MONITOR starts before the load: ioredis cannot enter MONITOR mode when lines
    // already arrive with its +OK (its own race, not Redline's).
    const recorder = await recordCommands(lab.node);
    const app = createLabClient(lab.node);
    let reading = true;
    const load = (async () => {
      while (reading) await app.get("session:7");
    })();
    let recording: Recording;
    try {
      const probe = getProbe("hotkeys")!;
      const r = await runProbe(probe, target, probe.params.parse({ allowMonitor: true, monitorSeconds: 2 }));
      expect(r.error).toBeUndefined();
      expect(JSON.stringify(r.data)).toContain("session:7");
    } finally {
      recording = await recorder.stop();
      reading = false;
      await load;
      app.disconnect();
      await setup.call("CONFIG", "SET", "maxmemory-policy", "allkeys-lfu");
      setup.disconnect();
    }
    expectHarmless(recording, ["monitor"]);
  }, 60_000);
});
