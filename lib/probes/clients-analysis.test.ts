import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseClientList } from "@/lib/parse/client-list";
import { analyzeClients, clientRow, IDLE_LONG_SECONDS, idleBuckets, idleManyFinding, isRedlineConnection, type ClientRow } from "./clients-analysis";

const text = readFileSync(new URL("../parse/__fixtures__/client-list.txt", import.meta.url), "utf8");
const row = (over: Partial<ClientRow>): ClientRow => ({
  node: "n1", id: 1, addr: "10.0.0.1:4000", host: "10.0.0.1", name: "", libName: "", libVer: "", user: "default",
  ageSec: 100, idleSec: 0, flags: "N", db: 0, cmd: "get", totMem: 20_000, ...over,
});

describe("clients analysis", () => {
  it("leaves out Redline's own connections from a real CLIENT LIST", () => {
    const clients = parseClientList(text);
    const rows = clients.filter((c) => !isRedlineConnection(c)).map((c) => clientRow("n1", c));
    expect(clients.length - rows.length).toBe(1);
    expect(rows.some((r) => r.name.startsWith("redline:"))).toBe(false);
    const a = analyzeClients(rows);
    expect(a.clients).toBe(7);
    expect(a.byHost).toEqual([{ key: "127.0.0.1", count: 7, idleOverLong: 0, maxIdleSec: 2 }]);
    expect(a.byName.find((g) => g.key === "(no name)")!.count).toBe(1);
    expect(a.byName.find((g) => g.key === "evil=name,id=999")!.count).toBe(1);
  });

  it("buckets idle time numerically, including idle ≥ 10,000 s that a text regex misses (CORRECTIONS #8)", () => {
    const rows = [9, 10, 59, 60, 599, 600, 3_599, 3_600, 10_000, 86_399, 86_400, 1_000_000].map((idleSec, id) => row({ id, idleSec }));
    expect(idleBuckets(rows).map((b) => [b.label, b.count])).toEqual([
      ["< 10 s", 1], ["10–60 s", 2], ["1–10 min", 2], ["10–60 min", 2], ["1–24 h", 3], ["> 24 h", 2],
    ]);
    expect(analyzeClients(rows).idleOverLong).toBe(rows.filter((r) => r.idleSec > IDLE_LONG_SECONDS).length);
  });

  it("groups by host, name and library with idle counts, biggest first", () => {
    const rows = [
      row({ id: 1, host: "10.0.0.2", name: "worker", libName: "redis-py", libVer: "5.0.1", idleSec: 400 }),
      row({ id: 2, host: "10.0.0.2", name: "worker", libName: "redis-py", libVer: "5.0.1", idleSec: 10 }),
      row({ id: 3, host: "10.0.0.3", name: "api" }),
    ];
    const a = analyzeClients(rows);
    expect(a.byHost[0]).toEqual({ key: "10.0.0.2", count: 2, idleOverLong: 1, maxIdleSec: 400 });
    expect(a.byLib.map((g) => g.key)).toEqual(["redis-py 5.0.1", "(not reported)"]);
    expect(a.byName.map((g) => g.key)).toEqual(["worker", "api"]);
  });

  it("flags many idle connections only when they are the majority and more than 10", () => {
    const idle = (n: number) => Array.from({ length: n }, (_, i) => row({ id: i, idleSec: 1_000, host: "10.9.9.9" }));
    const busy = (n: number) => Array.from({ length: n }, (_, i) => row({ id: 100 + i, idleSec: 1 }));
    expect(idleManyFinding(analyzeClients([...idle(10), ...busy(2)]))).toBeUndefined();
    expect(idleManyFinding(analyzeClients([...idle(11), ...busy(11)]))).toBeUndefined();
    const f = idleManyFinding(analyzeClients([...idle(11), ...busy(10)]));
    expect(f).toMatchObject({ code: "clients.idle-many", severity: "warning", evidence: { idleOverLong: 11, clients: 21, topHost: "10.9.9.9" } });
  });
});
