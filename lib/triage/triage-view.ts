// Flattens a TriageInput into what detectors ask about: every finding (health, probes, open alerts),
// every classified failure, each node's INFO and signals, the slowlog of all sources without
// duplicates, the client rows, and the sampler's markers and counters. Pure; computed once per input.
import { evaluateRules } from "@/lib/metrics/evaluate-rules";
import type { Signals } from "@/lib/metrics/health-signals";
import { RULES } from "@/lib/metrics/rules";
import type { Marker } from "@/lib/metrics/marker";
import type { NodeSnapshot } from "@/lib/metrics/snapshot";
import { infoNumber, type InfoSnapshot } from "@/lib/parse/info";
import { severityRank, type Finding } from "@/lib/probes/finding";
import type { TriageInput, TriageNodeHistory } from "./triage-input";

export interface SourcedFinding {
  finding: Finding;
  /** "health", "alert" or "probe:<id>". */
  source: string;
}

export interface Failure {
  code: string;
  message: string;
  source: string;
}

export interface NodeView {
  node: string;
  snapshot?: NodeSnapshot;
  info?: InfoSnapshot;
  config: Record<string, string>;
  /** Health signals, overlaid with the sampler's (rates and events) when it has this node. */
  signals: Signals;
  history?: TriageNodeHistory;
}

export interface SlowEntry {
  node: string;
  id: number;
  timestamp: number;
  durationUs: number;
  command: string;
  argv: string[];
  clientName: string;
  clientAddr: string;
}

export interface ClientRowLite {
  node: string;
  id: number;
  name: string;
  cmd: string;
  idleSec: number;
  ageSec: number;
  flags: string;
}

export interface TriageView {
  now: number;
  findings: SourcedFinding[];
  failures: Failure[];
  nodes: NodeView[];
  slowlog: SlowEntry[];
  clients: ClientRowLite[];
  markers: Marker[];
}

/** Redline's own connections (DESIGN.md: named redline:*) are never evidence of an incident. */
const OWN = /^redline:/;

/**
 * The finding a classified failure stands for. Mirrors the codes instance-health.ts gives health
 * failures, so a probe that failed with BUSY and a health read that failed with BUSY say the same.
 */
export function failureFindingCode(code: string): string {
  const known: Record<string, string> = {
    redis_busy_script: "lua.busy",
    redis_max_clients: "clients.refused",
    redis_loading: "server.loading",
    redis_misconf: "persistence.misconf",
  };
  return known[code] ?? `connection.${code.replace(/^redis_/, "").replace(/_/g, "-")}`;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function rowsOf(data: unknown, field: string): Record<string, unknown>[] {
  const rows = record(data)?.[field];
  return Array.isArray(rows) ? rows.flatMap((r) => (record(r) ? [r as Record<string, unknown>] : [])) : [];
}

const str = (v: unknown) => (typeof v === "string" ? v : "");
const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

function collectFindings(input: TriageInput): SourcedFinding[] {
  const out: SourcedFinding[] = [];
  for (const f of input.health?.findings ?? []) out.push({ finding: f, source: "health" });
  for (const [id, result] of Object.entries(input.probes)) for (const f of result.findings) out.push({ finding: f, source: `probe:${id}` });
  // The sampler's signals carry rates and events a single look cannot see (refusals in the last
  // minute, full resyncs, a restart that lost the keyspace): the rule table turns them into findings.
  for (const h of input.history?.nodes ?? []) {
    for (const f of evaluateRules(input.history?.rules ?? RULES, h.signals)) out.push({ finding: { ...f, evidence: { ...f.evidence, node: h.node } }, source: "history" });
  }
  for (const a of input.history?.alerts ?? []) {
    out.push({
      source: "alert",
      finding: {
        code: a.findingCode,
        severity: a.severity,
        message: a.message,
        evidence: { rule: a.ruleId, state: a.state, ...(a.node ? { node: a.node } : {}), ...(a.value === null ? {} : { value: a.value }), threshold: a.threshold },
      },
    });
  }
  return out;
}

function collectFailures(input: TriageInput): Failure[] {
  const out: Failure[] = [];
  if (input.failure) out.push({ ...input.failure, source: "triage" });
  const h = input.health;
  if (h?.reason) out.push({ code: h.reason.code, message: h.reason.message, source: "health" });
  for (const n of h?.nodes ?? []) if (n.error) out.push({ code: n.error.code, message: n.error.message, source: `health:${n.node.address}` });
  for (const [id, result] of Object.entries(input.probes)) if (result.error) out.push({ code: result.error.code, message: result.error.message, source: `probe:${id}` });
  return out;
}

function collectNodes(input: TriageInput): NodeView[] {
  const byNode = new Map<string, NodeView>();
  for (const n of input.health?.nodes ?? []) {
    byNode.set(n.node.address, { node: n.node.address, snapshot: n.snapshot, info: n.snapshot?.info, config: n.snapshot?.config ?? {}, signals: { ...(n.signals ?? {}) } });
  }
  for (const h of input.history?.nodes ?? []) {
    const view = byNode.get(h.node) ?? { node: h.node, config: {}, signals: {} };
    view.signals = { ...view.signals, ...h.signals };
    view.history = h;
    byNode.set(h.node, view);
  }
  return [...byNode.values()];
}

function collectSlowlog(input: TriageInput, nodes: NodeView[]): SlowEntry[] {
  const byKey = new Map<string, SlowEntry>();
  const add = (e: SlowEntry) => {
    if (!OWN.test(e.clientName)) byKey.set(`${e.node}#${e.id}`, e);
  };
  for (const n of nodes) {
    for (const e of n.snapshot?.slowlog ?? []) {
      add({ node: n.node, id: e.id, timestamp: e.timestamp, durationUs: e.durationUs, command: (e.argv[0] ?? "").toUpperCase(), argv: e.argv, clientName: e.clientName, clientAddr: e.clientAddr });
    }
  }
  for (const r of rowsOf(input.probes.slowlog?.data, "rows")) {
    const argv = Array.isArray(r.argv) ? r.argv.map(String) : [];
    const id = num(r.id);
    const timestamp = num(r.timestamp);
    const durationUs = num(r.durationUs);
    if (id === undefined || timestamp === undefined || durationUs === undefined) continue;
    add({ node: str(r.node), id, timestamp, durationUs, command: (argv[0] ?? "").toUpperCase(), argv, clientName: str(r.clientName), clientAddr: str(r.clientAddr) });
  }
  return [...byKey.values()].sort((a, b) => b.timestamp - a.timestamp || b.id - a.id);
}

function collectClients(input: TriageInput): ClientRowLite[] {
  return rowsOf(input.probes.clients?.data, "rows").flatMap((r) => {
    const id = num(r.id);
    if (id === undefined || OWN.test(str(r.name))) return [];
    return [{ node: str(r.node), id, name: str(r.name), cmd: str(r.cmd).toLowerCase(), idleSec: num(r.idleSec) ?? 0, ageSec: num(r.ageSec) ?? 0, flags: str(r.flags) }];
  });
}

const cache = new WeakMap<TriageInput, TriageView>();

export function triageView(input: TriageInput): TriageView {
  const hit = cache.get(input);
  if (hit) return hit;
  const nodes = collectNodes(input);
  const view: TriageView = {
    now: input.now,
    findings: collectFindings(input),
    failures: collectFailures(input),
    nodes,
    slowlog: collectSlowlog(input, nodes),
    clients: collectClients(input),
    markers: input.history?.markers ?? [],
  };
  cache.set(input, view);
  return view;
}

/** The most severe finding with this code across all sources. */
export function worstOf(view: TriageView, code: string): SourcedFinding | undefined {
  let worst: SourcedFinding | undefined;
  for (const s of view.findings) {
    if (s.finding.code !== code) continue;
    if (!worst || severityRank(s.finding.severity) > severityRank(worst.finding.severity)) worst = s;
  }
  return worst;
}

export function failuresOf(view: TriageView, code: string): Failure[] {
  return view.failures.filter((f) => f.code === code);
}

/** The largest value of a signal over the nodes that have it. */
export function maxSignal(view: TriageView, name: string): number | undefined {
  let max: number | undefined;
  for (const n of view.nodes) {
    const v = n.signals[name];
    if (v !== undefined && (max === undefined || v > max)) max = v;
  }
  return max;
}

export function infoOf(node: NodeView, field: string): number | undefined {
  return node.info ? infoNumber(node.info, field) : undefined;
}

/** One command's stats summed over the nodes (lowercase name, `container|sub` for subcommands). */
export function commandstat(view: TriageView, command: string): { calls: number; usec: number; usecPerCall: number } | undefined {
  let calls = 0;
  let usec = 0;
  let seen = false;
  for (const n of view.nodes) {
    const s = n.info?.commandstats.find((c) => c.command === command);
    if (!s) continue;
    seen = true;
    calls += s.calls;
    usec += s.usec;
  }
  return seen ? { calls, usec, usecPerCall: calls > 0 ? usec / calls : 0 } : undefined;
}

/** Error replies of one kind (the first word, e.g. BUSY, MISCONF) summed over the nodes. */
export function errorstat(view: TriageView, prefix: string): number {
  return view.nodes.reduce((sum, n) => sum + (n.info?.errorstats[prefix] ?? 0), 0);
}
