// Test helper for the fault suites: the instance, health and probe routes called in-process through
// their real handlers (lib/testing/route-test-env.ts), and a poll that measures how long a fault
// took to show (or to clear) in the API.
import { routeTestEnv, type Route } from "./route-test-env";
import type { ProbeResult } from "@/lib/probes/types";
import type { InstanceHealth } from "@/lib/metrics/instance-health";

/** The fault suites' command and connect timeout. */
export const FAULT_TIMEOUT_MS = 1000;
/** A classified answer must arrive within the timeout; the margin covers a loaded 2-core machine. */
export const ANSWER_WITHIN_MS = FAULT_TIMEOUT_MS + 3000;

/** The in-process route server of a fault suite: no sampler (the test makes every call), short timeouts. */
export function faultTestEnv(name: string) {
  return routeTestEnv(name, {
    REDLINE_SAMPLER: "off",
    REDLINE_COMMAND_TIMEOUT_MS: String(FAULT_TIMEOUT_MS),
    REDLINE_CONNECT_TIMEOUT_MS: String(FAULT_TIMEOUT_MS),
  });
}

type Env = { call(route: Route, url: string, params?: Record<string, string>, init?: { method: string; body: string }): Promise<Response> };

export interface FaultApi {
  register(body: Record<string, unknown>): Promise<string>;
  edit(id: string, patch: Record<string, unknown>): Promise<void>;
  probe(id: string, probeId: string, body?: Record<string, unknown>): Promise<ProbeResult<unknown>>;
  health(id: string): Promise<InstanceHealth>;
}

/** Call after routeTestEnv(): the route modules read the environment on import. */
export async function faultApi(env: Env): Promise<FaultApi> {
  const instances = (await import("@/app/api/instances/route")) as unknown as { POST: Route };
  const probes = (await import("@/app/api/instances/[id]/probes/[probeId]/route")) as unknown as { POST: Route };
  const health = (await import("@/app/api/instances/[id]/health/route")) as unknown as { GET: Route };
  const one = (await import("@/app/api/instances/[id]/route")) as unknown as { PATCH: Route };
  return {
    async register(body) {
      const res = await env.call(instances.POST, "/api/instances", {}, { method: "POST", body: JSON.stringify(body) });
      const json = (await res.json()) as { instance?: { id: string } };
      if (res.status !== 201 || !json.instance) throw new Error(`register answered ${res.status}: ${JSON.stringify(json)}`);
      return json.instance.id;
    },
    async edit(id, patch) {
      const res = await env.call(one.PATCH, `/api/instances/${id}`, { id }, { method: "PATCH", body: JSON.stringify(patch) });
      if (res.status !== 200) throw new Error(`edit answered ${res.status}: ${await res.text()}`);
    },
    async probe(id, probeId, body = {}) {
      const res = await env.call(probes.POST, `/api/instances/${id}/probes/${probeId}`, { id, probeId }, { method: "POST", body: JSON.stringify(body) });
      const json = (await res.json()) as { result?: ProbeResult<unknown> };
      if (res.status !== 200 || !json.result) throw new Error(`probe answered ${res.status}: ${JSON.stringify(json)}`);
      return json.result;
    },
    async health(id) {
      const res = await env.call(health.GET, `/api/instances/${id}/health?fresh=1`, { id });
      const json = (await res.json()) as { health?: InstanceHealth };
      if (res.status !== 200 || !json.health) throw new Error(`health answered ${res.status}: ${JSON.stringify(json)}`);
      return json.health;
    },
  };
}

/** Every error code a probe result or health answer carries (the result's, its nodes' and rows'). */
export function errorCodes(x: ProbeResult<unknown> | InstanceHealth): string[] {
  const codes = new Set<string>();
  if ("error" in x && x.error) codes.add(x.error.code);
  if ("reason" in x && x.reason) codes.add(x.reason.code);
  if ("nodes" in x) for (const n of x.nodes) if (n.error) codes.add(n.error.code);
  JSON.stringify(x, (k, v) => {
    if (k === "error" && v && typeof v === "object" && typeof (v as { code?: unknown }).code === "string") codes.add((v as { code: string }).code);
    return v;
  });
  return [...codes];
}

/** Polls `fn` until `ok(value)`; returns the value and the time it took, or throws with the last value. */
export async function within<T>(ms: number, fn: () => Promise<T>, ok: (v: T) => boolean, pauseMs = 100): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  let last: T | undefined;
  for (;;) {
    last = await fn();
    if (ok(last)) return { value: last, ms: Date.now() - started };
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms; last: ${JSON.stringify(last).slice(0, 2000)}`);
    await new Promise((r) => setTimeout(r, pauseMs));
  }
}
