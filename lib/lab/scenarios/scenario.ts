// The scenario contract: each incident of the reference, reproduced on real local redis-server
// processes with real load. `start` returns once the server really is in the incident state.
import "server-only";

export type ScenarioSize = "small" | "large";

export interface ScenarioInstance {
  /** Registration name, e.g. "lab-bigkey". */
  name: string;
  host: string;
  port: number;
  password?: string;
  mode: "standalone" | "cluster" | "sentinel";
  /** For people: "master", "replica", "cluster seed"… */
  role?: string;
}

export interface RunningScenario {
  id: string;
  instances: ScenarioInstance[];
  /** What was done to reach the incident state, for the Lab page and the CLI. */
  notes: string[];
  /** Stops load generators, then every process; removes every folder. Idempotent. */
  stop(): Promise<void>;
}

export interface ScenarioStartOptions {
  /** small: tests (seconds); large: the demo. */
  size?: ScenarioSize;
  /** Password for the instances (default: none). */
  password?: string;
  /** Prefix for instance names (default "lab"). */
  namePrefix?: string;
  /**
   * Called once the servers are up, before the load drives them into the incident: the demo and the
   * Lab page register the instances then, so people watch the incident unfold.
   */
  onInstances?: (instances: ScenarioInstance[]) => void;
}

export interface Scenario<O extends ScenarioStartOptions = ScenarioStartOptions> {
  id: string;
  title: string;
  /** One paragraph: what the incident is and what load reproduces it. */
  description: string;
  /** null when the machine can run it; otherwise why not (the scenario is skipped, never faked). */
  unavailableReason(): Promise<string | null>;
  start(options?: O): Promise<RunningScenario>;
}
