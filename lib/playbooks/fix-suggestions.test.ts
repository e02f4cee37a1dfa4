import { describe, expect, it } from "vitest";
import type { ProbeResult } from "@/lib/probes/types";
import { suggestBacklogBytes, suggestBiggestKey, suggestIdleConnections, suggestKeysUser, suggestMaxclients } from "./fix-suggestions";

const result = (probeId: string, data: unknown, error?: ProbeResult["error"]): ProbeResult =>
  ({ probeId, instanceId: "i", ranAt: "2026-11-24T03:00:00.000Z", durationMs: 5, data, findings: [], commands: [], ...(error ? { error } : {}) }) as unknown as ProbeResult;
const ctx = (results: ProbeResult[], input: Record<string, unknown> = {}) => ({ latest: (id: string) => results.findLast((r) => r.probeId === id), input });
const row = (id: number, idleSec: number, flags = "N", name = "") => ({ node: "10.0.0.7:6379", id, addr: `10.1.0.${id}:5000`, name, idleSec, flags });

describe("fix suggestions", () => {
  it("lists idle connections by numeric idle time, never Redline's own, replicas, subscribers or blocked clients", () => {
    const rows = [row(1, 12_000), row(2, 400, "N", "ops"), row(3, 900, "S"), row(4, 900, "P"), row(5, 900, "b"), row(6, 900, "N", "redline:probe"), row(7, 30)];
    const s = suggestIdleConnections(ctx([result("clients", { rows, nodes: [] })], { minIdleSeconds: 300 }));
    expect(s.params).toEqual({ minIdleSeconds: 300, connections: [{ node: "10.0.0.7:6379", id: 1 }, { node: "10.0.0.7:6379", id: 2 }] });
    expect(s.itemLabels).toEqual(["10.1.0.1:5000 idle 12000 s", "10.1.0.2:5000 name=ops idle 400 s"]);
  });

  it("says which step to run when nothing (or only a failed run) is saved", () => {
    expect(suggestIdleConnections(ctx([]))).toMatchObject({ params: { minIdleSeconds: 300 }, hint: expect.stringMatching(/clients step/) });
    expect(suggestBiggestKey(ctx([result("bigkeys", null, { code: "redis_timeout", message: "t" } as ProbeResult["error"])]))).toMatchObject({ params: {}, hint: expect.stringMatching(/big keys/) });
  });

  it("proposes the biggest key that can be typed back, the newest result winning", () => {
    const old = result("bigkeys", { rows: [{ key: "old:key" }] });
    const newer = result("bigkeys", { rows: [{ key: "bin\\x00key", keyBase64: "YmluAGtleQ==" }, { key: "orders:2026" }] });
    expect(suggestBiggestKey(ctx([old, newer])).params).toEqual({ key: "orders:2026" });
  });

  it("takes the calculator's backlog size, maxclients half again, and a non-default ACL user first", () => {
    expect(suggestBacklogBytes(ctx([result("backlog-calculator", { summary: { maxSuggestedBytes: 52_428_800.4 } })])).params).toEqual({ bytes: 52_428_801 });
    expect(suggestMaxclients(ctx([result("clients", { rows: [], nodes: [{ maxclients: 64 }, { maxclients: 100 }] })])).params).toEqual({ max: 150 });
    const acl = { rows: [{ aclAllowed: [{ user: "default", enabled: true, via: "+@all" }, { user: "batch", enabled: true, via: "+@all" }, { user: "old", enabled: false, via: "+@all" }] }] };
    expect(suggestKeysUser(ctx([result("keys-usage", acl)])).params).toEqual({ user: "batch" });
  });
});
