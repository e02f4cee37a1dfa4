import { describe, expect, it } from "vitest";
import { keyArgs, redact } from "./redact";

const HOSTILE = "evil|key`with\nnewline";

interface Row { node: string; command: string; key: string; argv: string[]; clientAddr: string; clientName: string }
const rows0 = [
  { node: "127.0.0.1:6400", command: "HGETALL", key: "user:profile:hash", argv: ["HGETALL", "user:profile:hash"], clientAddr: "10.1.2.3:51234", clientName: "checkout-api" },
  { node: "127.0.0.1:6400", command: "CONFIG", key: "GET", argv: ["CONFIG", "GET", "maxmemory"], clientAddr: "10.1.2.4:40000", clientName: "" },
  { node: "127.0.0.1:6400", command: "KEYS", key: "session:*", argv: ["KEYS", "session:*"], clientAddr: "10.1.2.3:51234", clientName: "nightly-job" },
] satisfies [Row, Row, Row];

const bundle = {
  steps: [
    {
      result: {
        data: {
          rows: rows0,
          clients: [{ addr: "10.9.9.9:1000", laddr: "127.0.0.1:6400", name: "worker-7", cmd: "hgetall" }],
          biggest: [{ key: HOSTILE, type: "hash", length: 10 }],
          byKey: { "user:profile:hash": 3 },
        },
        findings: [{ code: "bigkey.found", severity: "warning", message: `user:profile:hash and ${HOSTILE} are big; client 10.1.2.3:51234 reads them`, evidence: { key: "user:profile:hash", node: "127.0.0.1:6400" } }],
        commands: [{ argv: ["SLOWLOG", "GET", "64"], durationMs: 1 }],
      },
    },
  ],
  fix: { kind: "fix", argv: [["UNLINK", "user:profile:hash"]], replies: [{ argv: ["UNLINK", "user:profile:hash"], node: "127.0.0.1:6400", reply: 1 }] },
  note: "Seen from 192.168.0.10:6000 (not a client row) and worker-7; the hidden id field stays",
  timeline: [{ text: "Deleted `user:profile:hash` after nightly-job ran KEYS session:*" }],
};

describe("redaction", () => {
  const { value, summary } = redact(bundle, { nodeAddresses: ["127.0.0.1:6400"] });
  const out = JSON.stringify(value);

  it("replaces every key name, client address and client name, wherever they occur", () => {
    for (const secret of ["user:profile:hash", "session:*", HOSTILE, "evil|key", "10.1.2.3:51234", "10.1.2.4:40000", "10.9.9.9:1000", "192.168.0.10:6000", "checkout-api", "nightly-job", "worker-7"]) {
      expect(out).not.toContain(JSON.stringify(secret).slice(1, -1));
    }
    expect(summary).toEqual({ key: 3, "client-addr": 4, "client-name": 3 });
  });

  it("gives the same input the same token across fields, argv, text and property names", () => {
    const rows = value.steps[0].result.data.rows;
    const tok = rows[0].key;
    expect(tok).toMatch(/^key-\d+$/);
    expect(rows[0].argv).toEqual(["HGETALL", tok]);
    expect(value.fix.argv).toEqual([["UNLINK", tok]]);
    expect(value.steps[0].result.data.byKey).toEqual({ [tok]: 3 });
    expect(value.steps[0].result.findings[0].message).toContain(`${tok} and key-`);
    expect(value.timeline[0].text).toBe(`Deleted \`${tok}\` after ${rows[2].clientName} ran KEYS ${rows[2].key}`);
    expect(rows[0].clientAddr).toBe(rows[2].clientAddr);
    expect(rows[0].clientAddr).toMatch(/^client-addr-\d+$/);
    expect(value.steps[0].result.data.clients[0].name).toMatch(/^client-name-\d+$/);
  });

  it("keeps what is not a key: node addresses, command names, keyless argv, ordinary words", () => {
    const rows = value.steps[0].result.data.rows;
    expect(rows[1].argv).toEqual(["CONFIG", "GET", "maxmemory"]);
    expect(rows[1].key).toBe("GET");
    expect(rows[0].node).toBe("127.0.0.1:6400");
    expect(value.steps[0].result.data.clients[0].laddr).toBe("127.0.0.1:6400");
    expect(value.steps[0].result.commands[0].argv).toEqual(["SLOWLOG", "GET", "64"]);
    expect(value.note).toContain("the hidden id field stays");
  });

  it("is stable: the same bundle redacts to the same output", () => {
    expect(JSON.stringify(redact(bundle, { nodeAddresses: ["127.0.0.1:6400"] }).value)).toBe(out);
  });

  it("treats short names as whole words only, and takes extra keys", () => {
    const r = redact({ rows: [{ key: "id" }], text: "hidden id, id:1" }, { alsoKeys: ["planted"] });
    expect(r.value.text).toBe("hidden key-2, key-2:1");
    expect(redact({ t: "a planted key" }, { alsoKeys: ["planted"] }).value.t).toBe("a key-1 key");
  });

  it("knows which arguments of a command are keys or patterns", () => {
    expect(keyArgs(["MSET", "a", "1", "b", "2"])).toEqual(["a", "b"]);
    expect(keyArgs(["SCAN", "0", "MATCH", "user:*", "COUNT", "100"])).toEqual(["user:*"]);
    expect(keyArgs(["HSCAN", "h", "0", "MATCH", "f*"])).toEqual(["h", "f*"]);
    expect(keyArgs(["KEYS", "session:*"])).toEqual(["session:*"]);
    expect(keyArgs(["PING"])).toEqual([]);
  });
});
