// Bad input, property-based: every handler in the route table (lib/testing/api-routes.ts) is called
// with fast-check-generated malformed, oversized and hostile path parameters, queries and bodies.
// Whatever arrives, the answer is a 2xx or a 4xx problem+json with a typed code: never a 5xx, never
// a crash (an unhandled rejection fails the run). Real ids of a live instance and investigation are
// in the pools, so generated input also reaches the handlers behind a successful lookup.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXPECTED_ROLES, METHODS, routeFiles } from "@/lib/testing/api-routes";
import { startStandalone, stopAll } from "@/lib/lab";
import { STATUS } from "@/lib/api/error-codes";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "redline-route-fuzz-"));
const TOKEN = "route-fuzz-bootstrap-0123456789";
const ENV = { REDLINE_DATA_DIR: dataDir, REDLINE_SAMPLER: "off", REDLINE_BOOTSTRAP_TOKEN: TOKEN, REDLINE_ADMIN_PASSWORD: "route-fuzz-admin-pw", REDLINE_COMMAND_TIMEOUT_MS: "1000" };
const savedEnv = Object.fromEntries(Object.keys(ENV).map((k) => [k, process.env[k]]));
Object.assign(process.env, ENV);

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
interface Entry {
  key: string;
  method: string;
  url: string;
  handler: Handler;
  segments: string[];
}

const RUNS_PER_HANDLER = Number(process.env.REDLINE_FUZZ_RUNS ?? 30);
const KNOWN_CODES = new Set(Object.keys(STATUS));
const entries: Entry[] = [];
const real = { instanceId: "", investigationId: "", tokenId: "" };
let tried = 0;
const statuses = new Map<number, number>();

const HOSTILE = [
  "",
  " ",
  "..",
  "../../etc/passwd",
  "%2e%2e%2f",
  "\u0000",
  "<img src=x onerror=window.__pwned=1>",
  "<script>alert(1)</script>",
  "'; DROP TABLE instances; --",
  "${jndi:ldap://x}",
  "__proto__",
  "constructor",
  "\r\nSet-Cookie: x=1",
  "𝕽𝖊𝖉𝖑𝖎𝖓𝖊",
  "x".repeat(10_000),
  "-1",
  "1e309",
  "NaN",
  "00000000-0000-4000-8000-000000000000",
];
const hostileString = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 200 }), fc.string({ unit: "binary", maxLength: 50 }));

/** A value for one [segment]: a real id, a plausible one, or something hostile. */
function segmentValue(name: string): fc.Arbitrary<string> {
  const plausible: Record<string, string[]> = {
    id: [real.instanceId, real.investigationId, real.tokenId, "00000000-0000-4000-8000-000000000000"],
    probeId: ["memory", "bigkeys", "keyspace", "no-such-probe"],
    stepId: ["memory", "config", "bigkeys", "no-such-step"],
    actionId: ["no-such-action", "unlink-key"],
    scenarioId: ["healthy", "bigkey"],
    action: ["start", "stop", "reset", "explode"],
  };
  return fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...(plausible[name] ?? ["x"]).filter(Boolean)) }, { weight: 3, arbitrary: hostileString }, { weight: 1, arbitrary: fc.uuid() });
}

const QUERY_KEYS = ["window", "fresh", "format", "redact", "instanceId", "status", "limit", "before", "action", "state", "role"];
const query = fc.dictionary(fc.oneof(fc.constantFrom(...QUERY_KEYS), fc.string({ maxLength: 20 })), hostileString, { maxKeys: 4 });

/** JSON-ish values: deep, wide, wrong types, prototype keys, huge numbers. */
const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, -0),
    fc.array(tie("value"), { maxLength: 5 }),
    fc.dictionary(fc.oneof(fc.constantFrom("__proto__", "constructor", "prototype", "name", "host", "port", "password", "tls", "role", "note", "status", "confirm", "budgetMs", "maxKeys"), fc.string({ maxLength: 10 })), tie("value"), { maxKeys: 6 }),
  ),
})).value;

/** Raw request bodies: JSON of any shape, broken JSON, huge, deeply nested, binary. */
const body = fc.oneof(
  { weight: 6, arbitrary: jsonValue.map((v) => JSON.stringify(v) ?? "null") },
  { weight: 1, arbitrary: fc.string({ maxLength: 100 }) },
  { weight: 1, arbitrary: fc.constantFrom("{", "[1,2", '{"a":}', "\u0000", "undefined", '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}') },
  { weight: 1, arbitrary: fc.integer({ min: 10, max: 50_000 }).map((depth) => "[".repeat(depth) + "]".repeat(depth)) },
  { weight: 1, arbitrary: fc.integer({ min: 10, max: 20_000 }).map((depth) => '{"a":'.repeat(depth) + "1" + "}".repeat(depth)) },
  { weight: 1, arbitrary: fc.constant(JSON.stringify({ name: "x".repeat(300 * 1024) })) },
);

async function send(e: Entry, params: Record<string, string>, q: Record<string, string>, raw: string | undefined): Promise<Response> {
  let url = e.url;
  for (const [k, v] of Object.entries(params)) url = url.replace(`[${k}]`, encodeURIComponent(v));
  const search = new URLSearchParams(q).toString();
  const init: ConstructorParameters<typeof NextRequest>[1] = {
    method: e.method,
    headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}`, origin: "http://127.0.0.1", host: "127.0.0.1" },
  };
  if (raw !== undefined && e.method !== "GET") init.body = raw;
  tried++;
  return e.handler(new NextRequest(`http://127.0.0.1${url}${search ? `?${search}` : ""}`, init), { params: Promise.resolve(params) });
}

async function expectHandled(e: Entry, res: Response, input: unknown): Promise<void> {
  statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
  const text = res.status >= 400 ? await res.text() : (await res.body?.cancel(), "");
  const what = `${e.key} ${res.status} for ${JSON.stringify(input).slice(0, 400)}: ${text.slice(0, 400)}`;
  expect(res.status, what).toBeLessThan(500);
  if (res.status >= 400) {
    expect(res.headers.get("content-type"), what).toContain("application/problem+json");
    const problem = JSON.parse(text) as { code?: string; status?: number };
    expect(KNOWN_CODES.has(problem.code ?? ""), what).toBe(true);
    expect(problem.status, what).toBe(res.status);
  }
}

describe("route fuzz: malformed, oversized and hostile input on every handler", () => {
  beforeAll(async () => {
    for (const { file, url } of routeFiles()) {
      const mod = (await import(file)) as Record<string, Handler>;
      for (const m of METHODS) {
        if (mod[m]) entries.push({ key: `${m} ${url}`, method: m, url, handler: mod[m], segments: [...url.matchAll(/\[(\w+)\]/g)].map((x) => x[1]!) });
      }
    }
    const { node } = await startStandalone();
    const call = (k: string, u: string, b: unknown, params: Record<string, string> = {}) =>
      entries.find((x) => x.key === k)!.handler(new NextRequest(`http://127.0.0.1${u}`, { method: "POST", body: JSON.stringify(b), headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` } }), { params: Promise.resolve(params) });
    real.instanceId = ((await (await call("POST /api/instances", "/api/instances", { name: "fuzz-target", host: node.host, port: node.port })).json()) as { instance: { id: string } }).instance.id;
    real.investigationId = ((await (await call("POST /api/investigations", "/api/investigations", { instanceId: real.instanceId, playbookId: "bigkey" })).json()) as { investigation: { id: string } }).investigation.id;
    real.tokenId = ((await (await call("POST /api/tokens", "/api/tokens", { role: "viewer", expiresInDays: 1 })).json()) as { apiToken: { id: string } }).apiToken.id;
  });

  afterAll(async () => {
    const { getStore } = await import("@/lib/store/get-store");
    const { getConnectionManager } = await import("@/lib/redis/connection-manager");
    getConnectionManager().closeAll();
    await (await getStore()).db.destroy();
    delete (globalThis as Record<symbol, unknown>)[Symbol.for("redline.store")];
    await stopAll();
    for (const [k, v] of Object.entries(savedEnv)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
    const byStatus = [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(" ");
    console.info(`route fuzz: ${tried} requests over ${entries.length} handlers (${byStatus})`);
  });

  it("covers every handler of the route table", () => {
    expect(entries.map((e) => e.key).sort()).toEqual(Object.keys(EXPECTED_ROLES).sort());
  });

  it("answers every generated request with a 2xx or a 4xx problem+json, never a 5xx", async () => {
    for (const e of entries) {
      // Deleting the shared fixtures would only make later runs 404: DELETE gets foreign ids.
      const params = fc.record(Object.fromEntries(e.segments.map((s) => [s, e.method === "DELETE" ? hostileString : segmentValue(s)])));
      await fc.assert(
        fc.asyncProperty(params, query, body, async (p, q, b) => {
          await expectHandled(e, await send(e, p as Record<string, string>, q, b), { p, q, b: b.slice(0, 200) });
        }),
        { numRuns: RUNS_PER_HANDLER, endOnFailure: true },
      );
    }
  });

  it("refuses an oversized body with 413 on every handler that reads one", async () => {
    const big = JSON.stringify({ note: "x".repeat(300 * 1024) });
    for (const e of entries.filter((x) => x.method !== "GET" && x.method !== "DELETE")) {
      const params = Object.fromEntries(e.segments.map((s) => [s, s === "id" ? real.investigationId : "memory"]));
      const res = await send(e, params, {}, big);
      await expectHandled(e, res, "300 KiB body");
    }
  });
});
