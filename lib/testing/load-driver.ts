// Load for the soak script and the short load spec: a fleet of registered instances sharing a few
// real redis-servers, then N concurrent API clients looping over a mix of the pages' API calls for a
// while, each call timed. Any non-2xx answer or network error counts as an error.
import type { RedlineServer } from "./redline-server";

export interface Fleet {
  instanceIds: string[];
  investigationId: string;
}

/** Registers `count` instances round-robin over the servers (several registrations may share one). */
export async function registerFleet(server: RedlineServer, nodes: Array<{ host: string; port: number }>, count: number): Promise<Fleet> {
  const instanceIds: string[] = [];
  for (let i = 0; i < count; i++) {
    const node = nodes[i % nodes.length]!;
    const res = await server.fetch("/api/instances", { body: { name: `load-${String(i).padStart(3, "0")}`, host: node.host, port: node.port } });
    if (res.status !== 201) throw new Error(`register answered ${res.status}: ${await res.text()}`);
    instanceIds.push(((await res.json()) as { instance: { id: string } }).instance.id);
  }
  const inv = await server.fetch("/api/investigations", { body: { instanceId: instanceIds[0], playbookId: "bigkey" } });
  if (inv.status !== 201) throw new Error(`investigation answered ${inv.status}: ${await inv.text()}`);
  return { instanceIds, investigationId: ((await inv.json()) as { investigation: { id: string } }).investigation.id };
}

interface Call {
  name: string;
  path: string;
  method?: string;
  body?: unknown;
}

/** What the fleet page, an instance page and an investigation ask for, plus an O(1) probe run. */
export function callMix(fleet: Fleet, i: number): Call {
  const id = fleet.instanceIds[i % fleet.instanceIds.length]!;
  const mix: Call[] = [
    { name: "fleet", path: "/api/instances" },
    { name: "health", path: `/api/instances/${id}/health` },
    { name: "metrics", path: `/api/instances/${id}/metrics?window=15m` },
    { name: "triage", path: `/api/instances/${id}/triage` },
    { name: "alerts", path: "/api/alerts" },
    { name: "investigation", path: `/api/investigations/${fleet.investigationId}` },
    { name: "probe", path: `/api/instances/${id}/probes/memory`, method: "POST", body: {} },
    { name: "playbooks", path: "/api/playbooks" },
  ];
  return mix[i % mix.length]!;
}

export interface LoadReport {
  clients: number;
  seconds: number;
  requests: number;
  errors: number;
  errorSamples: string[];
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  byCall: Record<string, { n: number; p99Ms: number }>;
}

export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]! : Number.NaN;
}

const round = (v: number) => Math.round(v * 10) / 10;

export async function runLoad(server: RedlineServer, fleet: Fleet, opts: { clients: number; durationMs: number }): Promise<LoadReport> {
  const until = Date.now() + opts.durationMs;
  const times: number[] = [];
  const byCall = new Map<string, number[]>();
  const errorSamples: string[] = [];
  let errors = 0;
  const client = async (c: number) => {
    for (let i = c; Date.now() < until; i += 7) {
      const call = callMix(fleet, i);
      const t0 = performance.now();
      try {
        const res = await server.fetch(call.path, { method: call.method, body: call.body });
        const text = await res.text();
        if (!res.ok) {
          errors++;
          if (errorSamples.length < 10) errorSamples.push(`${call.name} ${res.status} ${text.slice(0, 200)}`);
        }
      } catch (err) {
        errors++;
        if (errorSamples.length < 10) errorSamples.push(`${call.name} ${(err as Error).message}`);
      }
      const ms = performance.now() - t0;
      times.push(ms);
      (byCall.get(call.name) ?? byCall.set(call.name, []).get(call.name)!).push(ms);
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: opts.clients }, (_, c) => client(c)));
  const seconds = (Date.now() - started) / 1000;
  return {
    clients: opts.clients,
    seconds: round(seconds),
    requests: times.length,
    errors,
    errorSamples,
    perSecond: round(times.length / seconds),
    p50Ms: round(percentile(times, 50)),
    p95Ms: round(percentile(times, 95)),
    p99Ms: round(percentile(times, 99)),
    maxMs: round(Math.max(...times)),
    byCall: Object.fromEntries([...byCall].map(([k, v]) => [k, { n: v.length, p99Ms: round(percentile(v, 99)) }])),
  };
}

/** Resident memory of a process in bytes (Linux /proc), or NaN when unavailable. */
export async function rssBytes(pid: number): Promise<number> {
  const { readFile } = await import("node:fs/promises");
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
  const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
  return kb ? Number(kb) * 1024 : Number.NaN;
}
