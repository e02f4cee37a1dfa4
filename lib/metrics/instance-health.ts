// Instance health as the API and pages show it: per-node snapshots, findings from the rule table, a
// status, and the figures of the fleet list. Pure: built from snapshots or classified failures.
import { infoNumber, infoString } from "@/lib/parse/info";
import { worstFinding, type Finding } from "@/lib/probes/finding";
import type { ProbeError } from "@/lib/probes/types";
import type { TopologyNode } from "@/lib/redis/topology";
import { FAILURE_PLAYBOOK, FAILURE_TITLES, type RedisFailureCode } from "@/lib/redis/failure-codes";
import { evaluateRules } from "./evaluate-rules";
import { healthSignals, type Signals } from "./health-signals";
import type { ThresholdRule } from "./rules";
import type { NodeSnapshot } from "./snapshot";

export const HEALTH_STATUSES = ["ok", "warning", "critical", "unreachable"] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];

export interface NodeHealth {
  node: TopologyNode;
  snapshot?: NodeSnapshot;
  signals?: Signals;
  findings: Finding[];
  error?: ProbeError;
}

export interface HealthSummary {
  role: string;
  version: string;
  usedMemoryBytes: number | null;
  maxmemoryBytes: number | null;
  opsPerSec: number | null;
  connectedClients: number | null;
  maxclients: number | null;
  keys: number | null;
  uptimeSeconds: number | null;
  nodes: number;
  nodesReachable: number;
}

export interface InstanceHealth {
  instanceId: string;
  checkedAt: string;
  durationMs: number;
  /** "sampler": built from the background sampler's latest samples (with rates); "live": read now. */
  source?: "live" | "sampler";
  status: HealthStatus;
  /** Why the instance could not be read at all. */
  reason?: ProbeError & { title: string };
  findings: Finding[];
  worst?: Finding;
  summary: HealthSummary;
  nodes: NodeHealth[];
}

/** A server that answers but cannot serve is critical, not unreachable: the connection works. */
const ANSWERING_FAILURES = new Set<string>(["redis_busy_script", "redis_loading"]);

function failureFinding(code: RedisFailureCode, message: string, node: string): Finding {
  const codes: Partial<Record<RedisFailureCode, string>> = {
    redis_busy_script: "lua.busy",
    redis_max_clients: "clients.refused",
    redis_loading: "server.loading",
    redis_misconf: "persistence.misconf",
  };
  return {
    code: codes[code] ?? `connection.${code.replace(/^redis_/, "").replace(/_/g, "-")}`,
    severity: code === "redis_loading" ? "warning" : "critical",
    message: `${FAILURE_TITLES[code]}: ${message}`,
    evidence: { node, error: code, ...(FAILURE_PLAYBOOK[code] ? { playbook: FAILURE_PLAYBOOK[code]! } : {}) },
  };
}

function sum(values: Array<number | undefined>): number | null {
  const present = values.filter((v): v is number => v !== undefined);
  return present.length ? present.reduce((a, b) => a + b, 0) : null;
}

function summarize(nodes: NodeHealth[], mode: string): HealthSummary {
  const snaps = nodes.map((n) => n.snapshot).filter((s): s is NodeSnapshot => Boolean(s));
  const first = snaps[0];
  const masters = nodes.filter((n) => n.node.role === "master").length;
  const role =
    mode === "cluster"
      ? `cluster · ${masters} master${masters === 1 ? "" : "s"}`
      : first
        ? (infoString(first.info, "role") === "slave" ? "replica" : (infoString(first.info, "role") ?? "unknown"))
        : "unknown";
  // A cluster's data lives on its masters; replicas would double-count keys and memory.
  const dataNodes = mode === "cluster" ? snaps.filter((s) => infoString(s.info, "role") === "master") : snaps.slice(0, 1);
  return {
    role,
    version: first ? (infoString(first.info, "redis_version") ?? "?") : "?",
    usedMemoryBytes: sum(dataNodes.map((s) => infoNumber(s.info, "used_memory"))),
    maxmemoryBytes: first ? (infoNumber(first.info, "maxmemory") ?? null) : null,
    opsPerSec: sum(snaps.map((s) => infoNumber(s.info, "instantaneous_ops_per_sec"))),
    connectedClients: sum(snaps.map((s) => infoNumber(s.info, "connected_clients"))),
    // Each node has its own limit: compare the summed clients with the summed limits.
    maxclients: sum(snaps.map((s) => infoNumber(s.info, "maxclients") ?? (Number(s.config.maxclients) || undefined))),
    keys: sum(dataNodes.map((s) => s.info.keyspace.reduce((a, d) => a + d.keys, 0))),
    uptimeSeconds: first ? (infoNumber(first.info, "uptime_in_seconds") ?? null) : null,
    nodes: nodes.length,
    nodesReachable: snaps.length,
  };
}

export function buildInstanceHealth(input: {
  instanceId: string;
  mode: string;
  startedAt: number;
  /** Signals may come precomputed (the sampler adds rates and events over its history). */
  nodes: Array<{ node: TopologyNode; snapshot?: NodeSnapshot; error?: ProbeError; signals?: Signals }>;
  rules: readonly ThresholdRule[];
  /** When the data was read, if not now (the sampler's sample time). */
  checkedAt?: number;
  source?: InstanceHealth["source"];
}): InstanceHealth {
  const multi = input.nodes.length > 1;
  const nodes: NodeHealth[] = input.nodes.map(({ node, snapshot, error, signals: given }) => {
    if (!snapshot) {
      const findings = error && error.code !== "probe_failed" ? [failureFinding(error.code, error.message, node.address)] : [];
      return { node, error, findings };
    }
    const signals = given ?? healthSignals(snapshot);
    const findings = evaluateRules(input.rules, signals).map((f) => (multi ? { ...f, evidence: { ...f.evidence, node: node.address } } : f));
    return { node, snapshot, signals, findings };
  });
  const findings = nodes.flatMap((n) => n.findings);
  const reachable = nodes.filter((n) => n.snapshot);
  let status: HealthStatus;
  let reason: InstanceHealth["reason"];
  const firstError = nodes.find((n) => n.error)?.error;
  if (reachable.length === 0 && firstError && !ANSWERING_FAILURES.has(firstError.code)) {
    status = "unreachable";
    const title = firstError.code === "probe_failed" ? "Probe failed" : FAILURE_TITLES[firstError.code];
    reason = { ...firstError, title };
  } else {
    const worst = worstFinding(findings)?.severity;
    status = worst === "critical" ? "critical" : worst === "warning" ? "warning" : "ok";
    if (reachable.length < nodes.length && status === "ok") status = "warning";
  }
  const checkedAt = input.checkedAt ?? Date.now();
  return {
    instanceId: input.instanceId,
    checkedAt: new Date(checkedAt).toISOString(),
    durationMs: Math.max(0, checkedAt - input.startedAt),
    source: input.source ?? "live",
    status,
    reason,
    findings,
    worst: worstFinding(findings),
    summary: summarize(nodes, input.mode),
    nodes,
  };
}
