// The fragmentation scenario on a real redis-server (jemalloc): INFO memory shows a ratio ≥ 1.5
// with ≥ 100 MB fragmented while activedefrag is off, and stop() leaves nothing behind.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { labCommand, stopAll, trackedPids } from "@/lib/lab";
import { infoNumber, infoString, parseInfo } from "@/lib/parse/info";
import type { RunningScenario } from "./scenario";
import { fragmentationScenario } from "./fragmentation";
import { labProcessesSince, waitAllGone, type LabProcess } from "./support/scenario-processes";

let running: RunningScenario;
let procs: LabProcess[];

beforeAll(async () => {
  expect(await fragmentationScenario.unavailableReason()).toBeNull();
  const before = trackedPids();
  const t = Date.now();
  running = await fragmentationScenario.start({ size: "small" });
  console.log(`fragmentation started in ${Date.now() - t} ms`, running.notes);
  procs = labProcessesSince(before);
}, 60_000);

afterAll(() => stopAll());

describe("fragmentation scenario", () => {
  it("shows mem_fragmentation_ratio ≥ 1.5 and ≥ 100 MB fragmented, on jemalloc with activedefrag off", async () => {
    const endpoint = running.instances[0];
    const info = parseInfo(await labCommand(endpoint, ["INFO", "memory"]));
    expect(infoString(info, "mem_allocator")).toMatch(/^jemalloc/);
    expect(infoNumber(info, "mem_fragmentation_ratio")).toBeGreaterThanOrEqual(1.5);
    expect(infoNumber(info, "mem_fragmentation_bytes")).toBeGreaterThanOrEqual(100 * 1024 * 1024);
    // Not a small-dataset artefact: a real dataset with RSS far above it.
    expect(infoNumber(info, "used_memory")).toBeGreaterThanOrEqual(50 * 1024 * 1024);
    expect(await labCommand(endpoint, ["CONFIG", "GET", "activedefrag"])).toEqual(["activedefrag", "no"]);
  }, 10_000);

  it("stop() ends the load and leaves no process or dir", async () => {
    expect(procs.length).toBe(1);
    await running.stop();
    await waitAllGone(procs);
  }, 15_000);
});
