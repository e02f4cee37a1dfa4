// Test support: TriageInputs built from REAL replies (lib/parse/__fixtures__, captured from
// redis-server 7.0.15) and the real pure pipeline (parsers → health signals → rule table → health),
// with fields changed the way an incident changes them. Used by the triage unit tests only.
import fs from "node:fs";
import path from "node:path";
import { buildInstanceHealth } from "@/lib/metrics/instance-health";
import type { Marker } from "@/lib/metrics/marker";
import type { CounterPoint, RestartEvent } from "@/lib/metrics/node-history";
import { RULES } from "@/lib/metrics/rules";
import type { NodeSnapshot } from "@/lib/metrics/snapshot";
import { parseClientList } from "@/lib/parse/client-list";
import { parseConfigGet } from "@/lib/parse/config-get";
import { parseInfo } from "@/lib/parse/info";
import { parseSlowlog } from "@/lib/parse/slowlog";
import { clientRow, type ClientRow } from "@/lib/probes/clients-analysis";
import type { Finding } from "@/lib/probes/finding";
import { slowlogRows } from "@/lib/probes/slowlog-analysis";
import type { ProbeError, ProbeResult } from "@/lib/probes/types";
import type { TopologyNode } from "@/lib/redis/topology";
import type { TriageHistory, TriageInput } from "../triage-input";

const FIXTURES = path.resolve(import.meta.dirname, "../../parse/__fixtures__");
const read = (name: string) => fs.readFileSync(path.join(FIXTURES, name), "utf8");

export const INFO_ALL = read("info-all.txt");
export const CONFIG_ALL = parseConfigGet(JSON.parse(read("config-get-all.json")));
const SLOWLOG_RAW = JSON.parse(read("slowlog-get-10.json")) as unknown[][];
export const CLIENT_LIST = read("client-list.txt");

/** The capture's newest slowlog timestamp is 2026-11-24T14:10:12Z; "now" is a minute later. */
export const FIXTURE_NOW = (Number(SLOWLOG_RAW[0]![1]) + 60) * 1000;

/** section → field → new value (null removes the field). New fields go at the end of their section. */
export type InfoEdits = Record<string, Record<string, string | null>>;

/** Edits INFO text the way the server would print it, then it is parsed by the real parser. */
export function editInfo(text: string, edits: InfoEdits): string {
  const lines = text.replace(/\r/g, "").split("\n");
  for (const [section, fields] of Object.entries(edits)) {
    for (const [key, value] of Object.entries(fields)) {
      const at = lines.findIndex((l) => l.startsWith(`${key}:`));
      if (at >= 0) {
        if (value === null) lines.splice(at, 1);
        else lines[at] = `${key}:${value}`;
        continue;
      }
      if (value === null) continue;
      let header = lines.findIndex((l) => l.trim().toLowerCase() === `# ${section.toLowerCase()}`);
      if (header < 0) {
        lines.push(`# ${section}`);
        header = lines.length - 1;
      }
      let end = header + 1;
      while (end < lines.length && lines[end]!.trim() !== "" && !lines[end]!.startsWith("#")) end++;
      lines.splice(end, 0, `${key}:${value}`);
    }
  }
  return lines.join("\r\n");
}

export interface SlowSpec {
  argv: string[];
  durationMs: number;
  /** Seconds before FIXTURE_NOW (default 30). */
  ageSec?: number;
  clientName?: string;
  clientAddr?: string;
}

let nextSlowId = 60_000;

/** Raw SLOWLOG GET entries, in the reply shape ioredis returns, for the real parser. */
export function slowEntries(specs: readonly SlowSpec[], now = FIXTURE_NOW): unknown[][] {
  return specs.map((s) => [
    nextSlowId++,
    Math.floor(now / 1000) - (s.ageSec ?? 30),
    Math.round(s.durationMs * 1000),
    s.argv,
    s.clientAddr ?? "10.2.0.14:51234",
    s.clientName ?? "",
  ]);
}

export interface NodeSpec {
  address?: string;
  info?: InfoEdits;
  /** Replaces the fixture INFO entirely. */
  infoText?: string;
  config?: Record<string, string>;
  slowlog?: SlowSpec[];
  /** The capture's own slowlog entries (KEYS user:* among them, 31 µs). Default true. */
  fixtureSlowlog?: boolean;
  pingMs?: number;
  role?: TopologyNode["role"];
}

export function nodeSnapshot(spec: NodeSpec = {}, now = FIXTURE_NOW): NodeSnapshot {
  const address = spec.address ?? "10.0.0.5:6379";
  const slowRaw = [...slowEntries(spec.slowlog ?? [], now), ...(spec.fixtureSlowlog === false ? [] : SLOWLOG_RAW)];
  const slowlog = parseSlowlog(slowRaw);
  return {
    node: address,
    takenAt: now,
    pingMs: spec.pingMs ?? 0.2,
    info: parseInfo(spec.infoText ?? editInfo(INFO_ALL, spec.info ?? {})),
    config: { ...CONFIG_ALL, ...(spec.config ?? {}) },
    slowlog,
    slowlogLen: slowlog.length,
  };
}

function topologyNode(address: string, role: TopologyNode["role"] = "master"): TopologyNode {
  const [host, port] = address.split(":");
  return { host: host!, port: Number(port), address, role };
}

export function probeResult(probeId: string, findings: Finding[], data: unknown = null, error?: ProbeError): ProbeResult {
  return {
    probeId,
    instanceId: "inst-1",
    startedAt: new Date(FIXTURE_NOW).toISOString(),
    durationMs: 5,
    data,
    findings,
    commands: [],
    partial: Boolean(error),
    ...(error ? { error } : {}),
  };
}

/** The slowlog probe's result for these nodes: rows in the probe's own shape. */
export function slowlogProbe(snapshots: readonly NodeSnapshot[]): ProbeResult {
  return probeResult("slowlog", [], { rows: snapshots.flatMap((s) => slowlogRows(s.node, s.slowlog)) });
}

/** The clients probe's result: rows from the captured CLIENT LIST (plus extra rows), Redline's own left out. */
export function clientsProbe(node: string, extra: Array<Partial<ClientRow>> = [], findings: Finding[] = []): ProbeResult {
  const rows = parseClientList(CLIENT_LIST)
    .filter((c) => !c.name.startsWith("redline:"))
    .map((c) => clientRow(node, c));
  const more = extra.map((e, i) => ({ ...rows[0]!, id: 900 + i, ...e, node }));
  return probeResult("clients", findings, { rows: [...rows, ...more] });
}

export interface InputSpec {
  nodes?: NodeSpec[];
  /** A node that could not be read, with its classified error. */
  error?: ProbeError;
  probes?: ProbeResult[];
  history?: Partial<TriageHistory> & { restart?: RestartEvent; counters?: CounterPoint[]; signals?: Record<string, number> };
  /** Include the slowlog and clients probes built from the nodes (default true when nodes are readable). */
  standardProbes?: boolean;
  now?: number;
}

export function triageInput(spec: InputSpec = {}): TriageInput {
  const now = spec.now ?? FIXTURE_NOW;
  const snapshots = spec.error ? [] : (spec.nodes ?? [{}]).map((n) => nodeSnapshot(n, now));
  const nodes = spec.error
    ? [{ node: topologyNode("10.0.0.5:6379"), error: spec.error }]
    : snapshots.map((s, i) => ({ node: topologyNode(s.node, spec.nodes?.[i]?.role), snapshot: s }));
  const health = buildInstanceHealth({ instanceId: "inst-1", mode: nodes.length > 1 ? "cluster" : "standalone", startedAt: now, checkedAt: now, nodes, rules: RULES });
  const probes: Record<string, ProbeResult> = {};
  if (!spec.error && spec.standardProbes !== false) {
    probes.slowlog = slowlogProbe(snapshots);
    probes.clients = clientsProbe(snapshots[0]!.node);
  }
  if (spec.error) {
    for (const id of ["slowlog", "clients", "memory", "persistence", "keys-usage"]) probes[id] = probeResult(id, [], null, spec.error);
  }
  for (const p of spec.probes ?? []) probes[p.probeId] = p;
  let history: TriageHistory | undefined;
  if (spec.history) {
    const node = snapshots[0]?.node ?? "10.0.0.5:6379";
    history = {
      alerts: spec.history.alerts ?? [],
      markers: (spec.history.markers ?? []) as Marker[],
      nodes: spec.history.nodes ?? [
        {
          node,
          signals: spec.history.signals ?? {},
          counters: spec.history.counters ?? [],
          ...(spec.history.restart ? { restart: spec.history.restart } : {}),
        },
      ],
    };
  }
  return { instanceId: "inst-1", now, health, probes, ...(history ? { history } : {}) };
}

export function finding(code: string, severity: Finding["severity"], evidence: Finding["evidence"] = {}, message = code): Finding {
  return { code, severity, message, evidence };
}
