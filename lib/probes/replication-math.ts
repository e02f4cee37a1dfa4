// Pure replication arithmetic: the write rate that fills the backlog (Δmaster_repl_offset/Δt, not
// instantaneous_output_kbps: CORRECTIONS #2), the outage the backlog absorbs, and each replica's gap.
import type { InfoReplica } from "@/lib/parse/info";
import { round } from "./probe-findings";

/** Bytes per second between two offsets; null when time did not pass or the offset went back (failover, restart). */
export function writeRate(offset0: number, atMs0: number, offset1: number, atMs1: number): number | null {
  const dt = (atMs1 - atMs0) / 1000;
  if (!(dt > 0) || offset1 < offset0) return null;
  return round((offset1 - offset0) / dt, 1);
}

/** Seconds of writes the backlog holds: a replica disconnected longer needs a full resync. Null = unbounded (no writes). */
export function backlogCoverageSeconds(backlogSize: number, rateBytesPerSec: number | null): number | null {
  if (!rateBytesPerSec || rateBytesPerSec <= 0 || !(backlogSize > 0)) return null;
  return round(backlogSize / rateBytesPerSec, 1);
}

export interface ReplicaGapRow {
  node: string;
  replica: string;
  state: string;
  offset: number;
  gapBytes: number;
  /** Null when the master reports no backlog size. */
  gapPctOfBacklog: number | null;
  /** Seconds since the replica's last ACK; -1 when Redis did not say. */
  lagSec: number;
}

export function replicaGaps(node: string, masterOffset: number, backlogSize: number | undefined, replicas: readonly InfoReplica[]): ReplicaGapRow[] {
  return replicas.map((r) => {
    const gap = Math.max(0, masterOffset - r.offset);
    return {
      node,
      replica: `${r.ip}:${r.port}`,
      state: r.state,
      offset: r.offset,
      gapBytes: gap,
      gapPctOfBacklog: backlogSize ? round((gap / backlogSize) * 100, 2) : null,
      lagSec: r.lag,
    };
  });
}
