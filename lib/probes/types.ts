// Probe and ProbeResult contracts (DESIGN.md, "Core contracts").
import type { Finding } from "./finding";
import type { RedisFailureCode } from "@/lib/redis/failure-codes";

export type ProbeCost = "O(1)" | "bounded-scan" | "sampling";

export interface CommandRecord {
  argv: string[];
  durationMs: number;
  /** Node address when the instance has several nodes. */
  node?: string;
  error?: string;
  /** Repeated identical commands (latency PINGs) are one record; durationMs is then their total. */
  count?: number;
}

/** Progress of a long probe (a keyspace scan), streamed to the page while it runs. */
export interface ProbeProgress {
  node?: string;
  scanned: number;
  estimatedTotal?: number;
  /** Where a resumed run would continue on this node. */
  cursor: string;
  ratePerSec: number;
  pausedMs: number;
}

export interface ProbeError {
  code: RedisFailureCode | "probe_failed";
  message: string;
}

export interface ProbeResult<D = unknown> {
  probeId: string;
  instanceId: string;
  node?: string;
  startedAt: string;
  durationMs: number;
  data: D;
  findings: Finding[];
  commands: CommandRecord[];
  partial: boolean;
  error?: ProbeError;
}
