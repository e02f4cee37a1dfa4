// The commands a fix would send are exactly its argv with validated parameters, one per listed connection.
import { describe, expect, it } from "vitest";
import { getPlaybook } from "./index";
import { renderFix } from "./render-fix";

const fix = (playbook: string, id: string) => getPlaybook(playbook)!.fixes.find((f) => f.id === id)!;

describe("renderFix", () => {
  it("CLIENT KILL ID once per previewed connection, on its node", () => {
    const r = renderFix(fix("connection-exhaustion", "kill-idle"), {
      connections: [
        { node: "10.0.0.5:6379", id: 17 },
        { node: "10.0.0.6:6379", id: 4012 },
      ],
      minIdleSeconds: 3600,
    });
    expect(r).toMatchObject({
      ok: true,
      commands: [
        { argv: ["CLIENT", "KILL", "ID", "17"], node: "10.0.0.5:6379" },
        { argv: ["CLIENT", "KILL", "ID", "4012"], node: "10.0.0.6:6379" },
      ],
    });
  });

  it("CONFIG SET repl-backlog-size with the calculated bytes, and the preview filled in", () => {
    const r = renderFix(fix("replication-backlog", "set-backlog-size"), { bytes: 536_870_912 });
    expect(r).toMatchObject({ ok: true, commands: [{ argv: ["CONFIG", "SET", "repl-backlog-size", "536870912"] }] });
    expect(r.ok && r.preview).toContain("CONFIG SET repl-backlog-size 536870912");
  });

  it("defaults apply: activedefrag with its thresholds in one CONFIG SET", () => {
    const r = renderFix(fix("fragmentation", "enable-activedefrag"), {});
    expect(r).toMatchObject({
      ok: true,
      commands: [{ argv: ["CONFIG", "SET", "activedefrag", "yes", "active-defrag-ignore-bytes", "104857600", "active-defrag-threshold-lower", "10"] }],
    });
  });

  it("UNLINK and the ACL rule take the key and user as given", () => {
    expect(renderFix(fix("bigkey", "unlink-key"), { key: "user:profile:{42}" })).toMatchObject({ ok: true, commands: [{ argv: ["UNLINK", "user:profile:{42}"] }] });
    expect(renderFix(fix("keys-blocking", "acl-deny-keys"), { user: "nightly-job" })).toMatchObject({ ok: true, commands: [{ argv: ["ACL", "SETUSER", "nightly-job", "-keys"] }] });
  });

  it("rejects bad parameters before anything is rendered", () => {
    expect(renderFix(fix("keys-blocking", "acl-deny-keys"), { user: "bad user >" }).ok).toBe(false);
    expect(renderFix(fix("replication-backlog", "set-backlog-size"), { bytes: 10 }).ok).toBe(false);
    expect(renderFix(fix("connection-exhaustion", "kill-idle"), { connections: [], minIdleSeconds: 600 }).ok).toBe(false);
    expect(renderFix(fix("bigkey", "unlink-key"), { key: "k", extra: 1 }).ok).toBe(false);
  });

  it("manual fixes send nothing", () => {
    expect(renderFix(fix("lua-busy", "shutdown-nosave"), {})).toEqual({ ok: false, errors: ["This fix is manual: Redline sends nothing"] });
  });
});
