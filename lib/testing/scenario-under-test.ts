// For scenario tests: start a lab scenario once per test file (beforeAll), remember which
// redis-server processes it started, stop everything after (afterAll), and check that stop() left
// no process or folder behind.
import { afterAll, beforeAll, expect } from "vitest";
import { stopAll, trackedPids } from "@/lib/lab";
import { labProcessesSince, waitAllGone, type LabProcess } from "@/lib/lab/scenarios/support/scenario-processes";

export interface ScenarioUnderTest<R> {
  readonly running: R;
  readonly procs: LabProcess[];
}

export function scenarioUnderTest<R extends { notes?: unknown }>(label: string, start: () => Promise<R>, timeoutMs = 60_000): ScenarioUnderTest<R> {
  const state = {} as { running: R; procs: LabProcess[] };
  beforeAll(async () => {
    const before = trackedPids();
    const t = Date.now();
    state.running = await start();
    console.log(`${label} started in ${Date.now() - t} ms`, state.running.notes);
    state.procs = labProcessesSince(before);
  }, timeoutMs);
  afterAll(() => stopAll());
  return state;
}

/** stop() ends the scenario: exactly `processes` servers were started, and none (nor its folder) is left. */
export async function expectStopsClean(lab: ScenarioUnderTest<{ stop(): Promise<void> }>, processes: number): Promise<void> {
  expect(lab.procs.length).toBe(processes);
  await lab.running.stop();
  await waitAllGone(lab.procs);
}
