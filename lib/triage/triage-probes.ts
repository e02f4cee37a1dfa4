// The probes triage runs on every call: O(1) or tightly bounded reads whose findings the detectors
// weigh. Probes not (yet) in the registry are skipped, so triage keeps working while probes are added.
// Kept apart from run-triage.ts so the list can be read and tested without I/O.

export interface TriageProbeSpec {
  id: string;
  params: Record<string, unknown>;
}

export const TRIAGE_PROBES: readonly TriageProbeSpec[] = [
  { id: "slowlog", params: { count: 64 } },
  // Up to 2,000 client rows: enough to see who runs KEYS or holds idle connections on a full server.
  { id: "clients", params: { limit: 2000 } },
  { id: "memory", params: {} },
  { id: "persistence", params: {} },
  // One second of Δmaster_repl_offset: the write rate the backlog must absorb.
  { id: "replication", params: { sampleMs: 1000 } },
  { id: "keyspace", params: {} },
  { id: "cluster", params: {} },
  { id: "config-audit", params: {} },
  { id: "keys-usage", params: {} },
  { id: "restart-history", params: {} },
  // Asks on the reserved connection: answers while the probe connection gets BUSY.
  { id: "lua", params: {} },
  // LFU counters of a paced SCAN sample (never MONITOR: allowMonitor stays false by default), plus the
  // miss rate over one second; the scan stops at the probe's deadline, i.e. within triage's budget.
  { id: "hotkeys", params: {} },
];
