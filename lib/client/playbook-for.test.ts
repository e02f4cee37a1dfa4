// Unit tests for mapping a finding to the playbook it points at.
import { describe, expect, it } from "vitest";
import { playbookFor, playbookLabel } from "./playbook-for";

const finding = (code: string, evidence: Record<string, string | number> = {}) => ({ code, severity: "warning" as const, message: "", evidence });

describe("playbookFor", () => {
  it("prefers the finding's own evidence", () => {
    expect(playbookFor(finding("connection.max-clients", { playbook: "connection-exhaustion" }))).toBe("connection-exhaustion");
  });
  it("uses the rule table for rule findings", () => {
    expect(playbookFor(finding("slowlog.blocking-command"))).toBe("keys-blocking");
    expect(playbookFor(finding("memory.near-maxmemory"))).toBe("bigkey");
  });
  it("falls back to the code prefix, and to nothing", () => {
    expect(playbookFor(finding("lua.busy"))).toBe("lua-busy");
    expect(playbookFor(finding("server.loading"))).toBeUndefined();
  });
});

describe("playbookLabel", () => {
  it("names known playbooks and humanizes others", () => {
    expect(playbookLabel("bigkey")).toBe("Big keys");
    expect(playbookLabel("some-new-one")).toBe("Some new one");
  });
});
