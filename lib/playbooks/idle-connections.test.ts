// The idle-connection list is chosen numerically and never includes connections that are idle by design.
import { describe, expect, it } from "vitest";
import { parseClientList } from "@/lib/parse/client-list";
import { selectIdleConnections, type ConnectionRow } from "./idle-connections";

const row = (id: number, idleSec: number, extra: Partial<ConnectionRow> = {}): ConnectionRow => ({ node: "n1", id, name: "", idleSec, flags: "N", ...extra });

describe("selectIdleConnections", () => {
  it("compares idle time as a number: 10,000 s and more are not missed (CORRECTIONS #8)", () => {
    const picked = selectIdleConnections([row(1, 3599), row(2, 3600), row(3, 10_000), row(4, 250_000)], 3600);
    expect(picked.map((p) => p.id)).toEqual([4, 3, 2]);
  });

  it("leaves out Redline, replicas, masters, subscribers, blocked and MONITOR connections", () => {
    const rows = [
      row(1, 9000, { name: "redline:probe" }),
      row(2, 9000, { flags: "S" }),
      row(3, 9000, { flags: "M" }),
      row(4, 9000, { flags: "P" }),
      row(5, 9000, { flags: "b" }),
      row(6, 9000, { flags: "O" }),
      row(7, 9000, { name: "ops-script" }),
    ];
    expect(selectIdleConnections(rows, 60).map((p) => p.id)).toEqual([7]);
  });

  it("works on parsed CLIENT LIST rows", () => {
    const text = "id=12 addr=10.0.1.100:5000 laddr=10.0.0.5:6379 fd=9 name=jumpbox age=90000 idle=86400 flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0 rbs=1024 rbp=0 obl=0 oll=0 omem=0 tot-mem=22272 events=r cmd=get user=default redir=-1 resp=2\n";
    const rows = parseClientList(text).map((c) => ({ node: "n1", id: c.id, name: c.name, addr: c.addr, idleSec: c.idle, flags: c.flags }));
    expect(selectIdleConnections(rows, 3600)).toEqual([{ node: "n1", id: 12, name: "jumpbox", addr: "10.0.1.100:5000", idleSec: 86400 }]);
  });
});
