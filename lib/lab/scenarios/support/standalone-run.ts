// The frame every single-server scenario shares: one redis-server with the incident's config, a
// LoadGroup for its clients, and a stop() that ends the load before the process and its dir.
import "server-only";
import { startStandalone } from "../../topologies";
import type { RedisProcess } from "../../redis-process";
import type { RunningScenario, ScenarioInstance, ScenarioStartOptions } from "../scenario";
import { LoadGroup } from "./load-group";

export interface StandaloneRun {
  node: RedisProcess;
  load: LoadGroup;
  instance: ScenarioInstance;
  /** Runs before the load stops (e.g. killing a script the load started). */
  beforeStop?: () => Promise<void>;
  stop(): Promise<void>;
}

export async function launchStandalone(id: string, opts: ScenarioStartOptions, args: string[]): Promise<StandaloneRun> {
  const topology = await startStandalone({ password: opts.password, args });
  const { node } = topology;
  let stopping: Promise<void> | undefined;
  const run: StandaloneRun = {
    node,
    load: new LoadGroup(node),
    instance: {
      name: `${opts.namePrefix ?? "lab"}-${id}`,
      host: node.host,
      port: node.port,
      password: opts.password,
      mode: "standalone",
      role: "master",
    },
    stop: () =>
      (stopping ??= (async () => {
        // Each step runs even if the one before failed: a process must never outlive stop().
        await run.beforeStop?.().catch(() => {});
        await run.load.stop().catch(() => {});
        await topology.stop();
      })()),
  };
  opts.onInstances?.([run.instance]);
  return run;
}

/** Runs the setup; on failure stops everything started so far and rethrows. */
export async function orStop<T>(run: StandaloneRun, setup: () => Promise<T>): Promise<T> {
  try {
    return await setup();
  } catch (err) {
    await run.stop();
    throw err;
  }
}

export function toRunning(id: string, run: StandaloneRun, notes: string[]): RunningScenario {
  return { id, instances: [run.instance], notes, stop: run.stop };
}

/** Seconds with one decimal, for notes. */
export function secondsSince(startMs: number): string {
  return `${((Date.now() - startMs) / 1000).toFixed(1)} s`;
}
