// The fragmentation scenario on a real redis-server (jemalloc): INFO memory shows a ratio ≥ 1.5
// with ≥ 100 MB fragmented while activedefrag is off, and stop() leaves nothing behind.
import { describe, expect, it } from "vitest";
import { labCommand } from "@/lib/lab";
import { infoNumber, infoString, parseInfo } from "@/lib/parse/info";
import type { RunningScenario } from "./scenario";
import { fragmentationScenario } from "./fragmentation";
import { expectStopsClean, scenarioUnderTest } from "@/lib/testing/scenario-under-test";

const lab = scenarioUnderTest<RunningScenario>("fragmentation", async () => {
  expect(await fragmentationScenario.unavailableReason()).toBeNull();
  return fragmentationScenario.start({ size: "small" });
});

describe("fragmentation scenario", () => {
  it("shows mem_fragmentation_ratio ≥ 1.5 and ≥ 100 MB fragmented, on jemalloc with activedefrag off", async () => {
    const endpoint = lab.running.instances[0];
    const info = parseInfo(await labCommand(endpoint, ["INFO", "memory"]));
    expect(infoString(info, "mem_allocator")).toMatch(/^jemalloc/);
    expect(infoNumber(info, "mem_fragmentation_ratio")).toBeGreaterThanOrEqual(1.5);
    expect(infoNumber(info, "mem_fragmentation_bytes")).toBeGreaterThanOrEqual(100 * 1024 * 1024);
    // Not a small-dataset artefact: a real dataset with RSS far above it.
    expect(infoNumber(info, "used_memory")).toBeGreaterThanOrEqual(50 * 1024 * 1024);
    expect(await labCommand(endpoint, ["CONFIG", "GET", "activedefrag"])).toEqual(["activedefrag", "no"]);
  }, 10_000);

  it("stop() ends the load and leaves no process or dir", async () => {
    await expectStopsClean(lab, 1);
  }, 15_000);
});
