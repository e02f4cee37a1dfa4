// A real investigation on the bigkey lab scenario, through the route handlers in-process: every
// step runs, a note, the root cause, a hand-made timeline entry and a postmortem field naming the
// key; then every format is exported with and without redaction. The JSON validates against the
// published schema; with redact=1 no key name the scenario planted (nor any key name the probes
// collected) appears in any output, the PDF's text included (pdftotext). Every export is audited.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Ajv2020 from "ajv/dist/2020";
import { routeTestEnv, type Route } from "@/lib/testing/route-test-env";
import { bigkeyScenario } from "@/lib/lab/scenarios/bigkey";
import type { RunningScenario } from "@/lib/lab/scenarios/scenario";
import { getPlaybook } from "@/lib/playbooks";
import schema from "./investigation-export.schema.json";
import type { ExportBundle } from "./bundle-schema";

const server = routeTestEnv("export", { REDLINE_SAMPLER: "off" });
const BIG_KEY = "user:profile:hash";
const SMALL_PREFIX = "cache:user:";

type Mod = Record<string, Route>;
let running: RunningScenario;
let invId: string;
const files: Record<string, Buffer> = {};

const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as Record<string, unknown> });

beforeAll(async () => {
  running = await bigkeyScenario.start({ fields: 60_000, smallKeys: 2_000, slowlogThresholdUs: 1_000, expectSlowMs: 3, readIntervalMs: 1_000, trafficOpsPerSec: 20 });
  const lab = running.instances[0]!;
  const instances = (await import("@/app/api/instances/route")) as unknown as Mod;
  const investigations = (await import("@/app/api/investigations/route")) as unknown as Mod;
  const one = (await import("@/app/api/investigations/[id]/route")) as unknown as Mod;
  const run = (await import("@/app/api/investigations/[id]/steps/[stepId]/run/route")) as unknown as Mod;
  const timeline = (await import("@/app/api/investigations/[id]/timeline/route")) as unknown as Mod;
  const postmortem = (await import("@/app/api/investigations/[id]/postmortem/route")) as unknown as Mod;
  const post = (route: Route, url: string, params: Record<string, string>, body: unknown, method = "POST") => server.call(route, url, params, { method, body: JSON.stringify(body) });

  const inst = await json(await post(instances.POST!, "/api/instances", {}, { name: "export-bigkey", host: lab.host, port: lab.port }));
  expect(inst.status).toBe(201);
  const instanceId = (inst.body.instance as { id: string }).id;
  const started = await json(await post(investigations.POST!, "/api/investigations", {}, { instanceId, playbookId: "bigkey" }));
  invId = (started.body.investigation as { id: string }).id;
  for (const step of getPlaybook("bigkey")!.investigation) {
    const r = await server.call(run.POST!, `/api/investigations/${invId}/steps/${step.id}/run`, { id: invId, stepId: step.id }, { method: "POST", body: "{}" });
    expect(r.status, step.id).toBe(200);
  }
  expect((await post(one.PATCH!, `/api/investigations/${invId}`, { id: invId }, { rootCauseId: "collection-read-whole", status: "mitigated", note: { text: `${BIG_KEY} is read whole by checkout` } }, "PATCH")).status).toBe(200);
  expect((await post(timeline.POST!, `/api/investigations/${invId}/timeline`, { id: invId }, { at: new Date(Date.now() - 600_000).toISOString(), text: `Pager: ${BIG_KEY} latency` })).status).toBe(201);
  const draft = await json(await server.call(postmortem.GET!, `/api/investigations/${invId}/postmortem`, { id: invId }));
  const pm = draft.body.postmortem as { doc: Record<string, unknown>; version: number };
  expect(pm.version).toBe(0);
  const saved = await json(await post(postmortem.PUT!, `/api/investigations/${invId}/postmortem`, { id: invId }, { doc: { ...pm.doc, impact: `Every read of ${BIG_KEY} stalled checkout` }, baseVersion: 0 }, "PUT"));
  expect(saved.status).toBe(200);

  const exp = (await import("./../../../app/api/investigations/[id]/export/route")) as unknown as Mod;
  for (const format of ["md", "json", "pdf"]) {
    for (const redact of ["0", "1"]) {
      const res = await server.call(exp.GET!, `/api/investigations/${invId}/export?format=${format}&redact=${redact}`, { id: invId });
      expect(res.status, `${format} redact=${redact}: ${res.status === 200 ? "" : await res.clone().text()}`).toBe(200);
      files[`${format}:${redact}`] = Buffer.from(await res.arrayBuffer());
    }
  }
}, 180_000);

afterAll(async () => {
  await running?.stop();
  await server.teardown();
});

/** Every string held in a `key` field anywhere in the unredacted bundle: the key names the probes collected. */
function collectedKeys(v: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(v)) v.forEach((x) => collectedKeys(x, out));
  else if (v && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) {
      if (k === "key" && typeof x === "string") out.add(x);
      else collectedKeys(x, out);
    }
  }
  return out;
}

function pdfText(buf: Buffer, name: string): string {
  const file = path.join(server.dataDir, `${name}.pdf`);
  fs.writeFileSync(file, buf);
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
}

describe("investigation export on the bigkey lab scenario", () => {
  it("JSON: validates against the published schema and carries the evidence and the timeline", () => {
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);
    for (const r of ["0", "1"]) {
      const b = JSON.parse(files[`json:${r}`]!.toString("utf8")) as ExportBundle;
      validate(b);
      expect(validate.errors ?? []).toEqual([]);
    }
    const b = JSON.parse(files["json:0"]!.toString("utf8")) as ExportBundle;
    expect(b.steps.filter((s) => s.kind === "probe").map((s) => s.stepId)).toEqual(expect.arrayContaining(["slowlog", "latency", "bigkeys", "config"]));
    expect(b.commands.some((c) => c.argv[0] === "SLOWLOG")).toBe(true);
    expect(b.rootCauseEvidence.find((r) => r.chosen)).toMatchObject({ rootCauseId: "collection-read-whole", state: "confirmed" });
    expect(b.rootCauseEvidence.find((r) => r.chosen)!.findings.length).toBeGreaterThan(0);
    expect(b.timeline.some((e) => e.kind === "manual" && e.text.includes(BIG_KEY))).toBe(true);
    expect(b.timeline.some((e) => e.kind === "status")).toBe(true);
    expect(b.postmortem.doc.impact).toContain(BIG_KEY);
    expect(JSON.stringify(b)).toContain(BIG_KEY);
    expect(JSON.stringify(b.instance)).not.toMatch(/"password"|"username"/);
  });

  it("Markdown: evidence and timeline as tables, commands as code blocks", () => {
    const md = files["md:0"]!.toString("utf8");
    expect(md).toContain("## Timeline");
    expect(md).toMatch(/\| manual \| Pager: user:profile:hash latency \| /);
    // The evidence table of the chosen root cause: finding code, severity, message, step.
    expect(md).toMatch(/### Evidence\n\n\*\*A key grew without bound and is read whole\*\*: confirmed \(chosen root cause\)\n\n\| Finding \| Severity \| Message \| Step \| At \| Evidence \|\n\| --- \|[^]*?\| slowlog\.[a-z-]+ \| (warning|critical) \| /);
    expect(md).toContain("```shell\nSLOWLOG GET 64");
  });

  it("PDF: a real PDF whose text has the document's sections", () => {
    expect(files["pdf:0"]!.subarray(0, 5).toString()).toBe("%PDF-");
    const text = pdfText(files["pdf:0"]!, "plain");
    for (const s of ["Postmortem", "Timeline", "Root cause", "Action items", "Lessons"]) expect(text).toContain(s);
    expect(text).toContain(BIG_KEY);
  });

  it("redact=1: no key name of the scenario, nor any collected key name, in any format", () => {
    const keys = collectedKeys(JSON.parse(files["json:0"]!.toString("utf8")));
    expect(keys.has(BIG_KEY)).toBe(true);
    const outputs = { md: files["md:1"]!.toString("utf8"), json: files["json:1"]!.toString("utf8"), pdf: pdfText(files["pdf:1"]!, "redacted") };
    for (const [format, text] of Object.entries(outputs)) {
      expect(text, format).not.toContain(BIG_KEY);
      expect(text, format).not.toContain(SMALL_PREFIX);
      for (const k of keys) if (k.length >= 4) expect(text.includes(k), `${format} holds ${k}`).toBe(false);
      expect(text, format).toMatch(/key-1/);
    }
  });

  it("timeline edits and postmortem saves through the routes: star, edit, reset, delete, conflicts", async () => {
    const tl = (await import("@/app/api/investigations/[id]/timeline/route")) as unknown as Mod;
    const entry = (await import("@/app/api/investigations/[id]/timeline/[entryId]/route")) as unknown as Mod;
    const pmRoute = (await import("@/app/api/investigations/[id]/postmortem/route")) as unknown as Mod;
    type Entry = { id: string; text: string; starred: boolean; edited: boolean; kind: string };
    const list = async () => ((await json(await server.call(tl.GET!, `/api/investigations/${invId}/timeline`, { id: invId }))).body.timeline as Entry[]);
    const patch = (entryId: string, body: unknown) => server.call(entry.PATCH!, `/api/investigations/${invId}/timeline/${encodeURIComponent(entryId)}`, { id: invId, entryId }, { method: "PATCH", body: JSON.stringify(body) });
    const probe = (await list()).find((e) => e.kind === "probe")!;
    expect((await patch(probe.id, { starred: true, text: "Slowlog read" })).status).toBe(200);
    expect((await list()).find((e) => e.id === probe.id)).toMatchObject({ starred: true, edited: true, text: "Slowlog read" });
    expect((await patch(probe.id, { text: null })).status).toBe(200);
    expect((await list()).find((e) => e.id === probe.id)).toMatchObject({ starred: true, edited: false });
    expect((await patch("step:999999", { starred: true })).status).toBe(404);
    expect((await patch(probe.id, {})).status).toBe(400);
    const manual = (await list()).find((e) => e.kind === "manual")!;
    const del = await server.call(entry.DELETE!, `/api/investigations/${invId}/timeline/${encodeURIComponent(manual.id)}`, { id: invId, entryId: manual.id }, { method: "DELETE", body: "" });
    expect(del.status).toBe(200);
    expect((await list()).some((e) => e.id === manual.id)).toBe(false);

    const pm = (await json(await server.call(pmRoute.GET!, `/api/investigations/${invId}/postmortem`, { id: invId }))).body.postmortem as { doc: Record<string, unknown>; version: number };
    expect(pm.version).toBe(1);
    const put = (baseVersion: number) => server.call(pmRoute.PUT!, `/api/investigations/${invId}/postmortem`, { id: invId }, { method: "PUT", body: JSON.stringify({ doc: { ...pm.doc, trigger: "nightly report" }, baseVersion }) });
    expect((await put(1)).status).toBe(200);
    const stale = await json(await put(1));
    expect(stale).toMatchObject({ status: 409, body: { code: "conflict" } });
    const bad = await server.call(pmRoute.PUT!, `/api/investigations/${invId}/postmortem`, { id: invId }, { method: "PUT", body: JSON.stringify({ doc: { ...pm.doc, actionItems: [{ id: "x", type: "later", text: "", owner: "", due: "soon", done: false }] }, baseVersion: 2 }) });
    expect(bad.status).toBe(400);
  });

  it("audits every export with its format and redact flag", async () => {
    const audit = (await import("@/app/api/audit/route")) as unknown as Mod;
    const res = await json(await server.call(audit.GET!, "/api/audit?action=export", {}));
    const details = (res.body.entries as Array<{ detail: { investigationId: string; format: string; redact: boolean } }>).map((e) => `${e.detail.format}:${e.detail.redact}`);
    expect(details.sort()).toEqual(["json:false", "json:true", "md:false", "md:true", "pdf:false", "pdf:true"]);
  });
});
