import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { STORE_BACKENDS, type OpenedStore } from "@/lib/testing/store-targets";
import type { ProbeResult } from "@/lib/probes/types";
import { addNote, addStepResult, createInvestigation, getInvestigation, listInvestigations, setRootCause, setStatus } from "./investigations-repo";

const result = (code: string): ProbeResult => ({
  probeId: "slowlog",
  instanceId: "i-1",
  startedAt: "2026-01-02T03:04:05.678Z",
  durationMs: 12.5,
  data: { rows: [{ argv: ["KEYS", "session:*"], durationUs: 812_345, nested: { a: [1, null, "ü"] } }] },
  findings: [{ code, severity: "critical", message: "KEYS took 812 ms", evidence: { durationMs: 812.3, key: "session:*" } }],
  commands: [{ argv: ["SLOWLOG", "GET", "64"], durationMs: 0.4 }],
  partial: false,
});

describe.each(STORE_BACKENDS)("investigations repository on %s", (_backend, openStore) => {
  let store: OpenedStore;
  beforeEach(async () => {
    store = await openStore();
  });
  afterEach(async () => {
    await store.cleanup();
  });

  it("creates, appends step results and notes in time order, and keeps results verbatim", async () => {
    const instanceId = randomUUID();
    const inv = await createInvestigation(store.db, { instanceId, playbookId: "keys-blocking", title: "KEYS blocks the server" });
    expect(inv).toMatchObject({ status: "open", rootCauseId: null, createdBy: "local", playbookId: "keys-blocking" });

    const r1 = result("slowlog.keys-command");
    const s1 = await addStepResult(store.db, inv.id, { stepId: "slowlog", probeId: "slowlog", params: { count: 64 }, result: r1, who: "local" });
    const n1 = await addNote(store.db, inv.id, { stepId: "slowlog", text: "cron at 03:00 on batch-7", who: "alice" });
    const s2 = await addStepResult(store.db, inv.id, { stepId: "slowlog", probeId: "slowlog", params: { count: 64 }, result: result("slowlog.blocking-command"), who: "local" });
    expect(s1 && n1 && s2).toBeTruthy();

    const got = (await getInvestigation(store.db, inv.id))!;
    expect(got.steps.map((s) => s.id)).toEqual([s1!.id, n1!.id, s2!.id]);
    expect(got.steps[0].result).toEqual(r1);
    expect(got.steps[0].params).toEqual({ count: 64 });
    expect(got.steps[1]).toMatchObject({ note: "cron at 03:00 on batch-7", who: "alice", result: null, probeId: null });
    expect(Date.parse(got.updatedAt)).toBeGreaterThan(Date.parse(inv.updatedAt));
    expect(Date.parse(got.updatedAt)).toBe(Date.parse(got.steps[2].at));
  });

  it("writes nothing for an unknown investigation", async () => {
    const id = randomUUID();
    expect(await addStepResult(store.db, id, { stepId: "x", probeId: "slowlog", params: {}, result: result("a"), who: "local" })).toBeUndefined();
    expect(await addNote(store.db, id, { stepId: null, text: "t", who: "local" })).toBeUndefined();
    const rows = await store.db.selectFrom("investigation_steps").selectAll().execute();
    expect(rows).toEqual([]);
    expect(await getInvestigation(store.db, id)).toBeUndefined();
    expect(await setStatus(store.db, id, "resolved")).toBeUndefined();
  });

  it("rolls back the step row when the transaction fails", async () => {
    const inv = await createInvestigation(store.db, { instanceId: randomUUID(), playbookId: "lua-busy", title: "t" });
    // A result that cannot be serialised fails inside the transaction, after updated_at was touched.
    const circular = result("a") as ProbeResult & { data: Record<string, unknown> };
    circular.data = {};
    circular.data.self = circular.data;
    await expect(addStepResult(store.db, inv.id, { stepId: "s", probeId: "lua", params: {}, result: circular, who: "local" })).rejects.toThrow();
    const got = (await getInvestigation(store.db, inv.id))!;
    expect(got.steps).toEqual([]);
    expect(got.updatedAt).toBe(inv.updatedAt);
  });

  it("sets status and root cause, and lists by instance and status", async () => {
    const a = randomUUID();
    const one = await createInvestigation(store.db, { instanceId: a, playbookId: "keys-blocking", title: "one" });
    const two = await createInvestigation(store.db, { instanceId: a, playbookId: "lua-busy", title: "two" });
    await createInvestigation(store.db, { instanceId: randomUUID(), playbookId: "bigkey", title: "other" });

    expect(await setStatus(store.db, one.id, "mitigated")).toMatchObject({ status: "mitigated" });
    expect(await setRootCause(store.db, one.id, "job-uses-keys")).toMatchObject({ status: "mitigated", rootCauseId: "job-uses-keys" });
    expect(await setRootCause(store.db, one.id, null)).toMatchObject({ rootCauseId: null });

    expect((await listInvestigations(store.db, { instanceId: a })).map((i) => i.title)).toEqual(["one", "two"]);
    expect((await listInvestigations(store.db, { instanceId: a, statuses: ["open"] })).map((i) => i.id)).toEqual([two.id]);
    expect(await listInvestigations(store.db)).toHaveLength(3);
  });
});
