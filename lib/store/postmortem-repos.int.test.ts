// The postmortem tables (migration 0009) on SQLite and PostgreSQL: documents with lost-update
// checks, timeline stars/edits/manual entries, and status / root-cause events.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { STORE_BACKENDS, type OpenedStore } from "@/lib/testing/store-targets";
import type { PostmortemDoc } from "@/lib/investigations/postmortem-schema";
import { createInvestigation, updateInvestigation } from "./investigations-repo";
import { getPostmortem, savePostmortem } from "./postmortems-repo";
import { addManualEntry, deleteTimelineEntry, editTimelineEntry, listInvestigationEvents, listTimelineOverrides } from "./timeline-repo";

const doc = (summary: string): PostmortemDoc => ({
  summary,
  impact: "p99 800 ms for 4 minutes",
  detection: { how: "alert", noticedAt: "2026-01-02T03:04:05.000Z" },
  trigger: "",
  rootCause: "",
  resolution: "",
  actionItems: [{ id: "a1", type: "prevent", text: "Deny KEYS | in ACL `x`", owner: "ops", due: "2026-02-01", done: false }],
  lessons: { wentWell: "", wentWrong: "", lucky: "ünïcode" },
});

describe.each(STORE_BACKENDS)("postmortem repositories on %s", (_backend, openStore) => {
  let store: OpenedStore;
  beforeEach(async () => {
    store = await openStore();
  });
  afterEach(async () => {
    await store.cleanup();
  });

  it("saves documents by version and refuses a save from a stale version", async () => {
    const inv = await createInvestigation(store.db, { instanceId: randomUUID(), playbookId: "keys-blocking", title: "t" });
    expect(await getPostmortem(store.db, inv.id)).toBeUndefined();
    const first = await savePostmortem(store.db, inv.id, doc("one"), 0, "alice");
    expect(first).toMatchObject({ ok: true, saved: { version: 1, updatedBy: "alice" } });
    const second = await savePostmortem(store.db, inv.id, doc("two"), 1, "bob");
    expect(second).toMatchObject({ ok: true, saved: { version: 2 } });
    const stale = await savePostmortem(store.db, inv.id, doc("stale"), 1, "carol");
    expect(stale.ok).toBe(false);
    expect(!stale.ok && stale.current?.doc.summary).toBe("two");
    expect(await getPostmortem(store.db, inv.id)).toMatchObject({ version: 2, updatedBy: "bob", doc: doc("two") });
  });

  it("keeps manual entries, stars and edits of generated entries, and resets them", async () => {
    const inv = await createInvestigation(store.db, { instanceId: randomUUID(), playbookId: "bigkey", title: "t" });
    const manual = await addManualEntry(store.db, inv.id, { at: 1_700_000_000_000, text: "Customer reported timeouts", who: "alice" });
    expect(manual).toMatchObject({ manual: true, starred: false, at: 1_700_000_000_000 });
    expect(manual.key).toMatch(/^manual:/);

    expect(await editTimelineEntry(store.db, inv.id, "step:12", { starred: true }, "bob")).toMatchObject({ key: "step:12", manual: false, starred: true, text: null, at: null });
    expect(await editTimelineEntry(store.db, inv.id, "step:12", { text: "slowlog read", at: 1_700_000_100_000 }, "bob")).toMatchObject({ starred: true, text: "slowlog read", at: 1_700_000_100_000 });
    // A manual entry keeps text and time even when asked to reset them.
    expect(await editTimelineEntry(store.db, inv.id, manual.key, { text: null, starred: true }, "bob")).toMatchObject({ text: "Customer reported timeouts", starred: true });
    expect(await editTimelineEntry(store.db, inv.id, "manual:nope", { starred: true }, "bob")).toBeUndefined();

    const all = await listTimelineOverrides(store.db, inv.id);
    expect(all.map((o) => o.key).sort()).toEqual([manual.key, "step:12"].sort());
    expect(await deleteTimelineEntry(store.db, inv.id, manual.key)).toBe(true);
    expect(await deleteTimelineEntry(store.db, inv.id, manual.key)).toBe(false);
    expect((await listTimelineOverrides(store.db, inv.id)).map((o) => o.key)).toEqual(["step:12"]);
  });

  it("records status and root-cause changes as events, only when they change", async () => {
    const inv = await createInvestigation(store.db, { instanceId: randomUUID(), playbookId: "keys-blocking", title: "t" });
    await updateInvestigation(store.db, inv.id, { status: "mitigated" }, "alice");
    await updateInvestigation(store.db, inv.id, { status: "mitigated", rootCauseId: "job-uses-keys" }, "bob");
    await updateInvestigation(store.db, inv.id, { rootCauseId: null }, "bob");
    const events = await listInvestigationEvents(store.db, inv.id);
    expect(events.map(({ kind, from, to, who }) => ({ kind, from, to, who }))).toEqual([
      { kind: "status", from: "open", to: "mitigated", who: "alice" },
      { kind: "root-cause", from: null, to: "job-uses-keys", who: "bob" },
      { kind: "root-cause", from: "job-uses-keys", to: null, who: "bob" },
    ]);
    expect(await updateInvestigation(store.db, randomUUID(), { status: "resolved" })).toBeUndefined();
  });
});
