import { describe, expect, it } from "vitest";
import { classifyCommand, probeAclRules } from "./command-policy";
import { dryRunArgv, suggestedAclCommands } from "./redline-acl";

describe("the ACL user suggested for Redline", () => {
  it("grants exactly the read commands of the policy, nothing that writes", () => {
    const rules = probeAclRules();
    expect(rules).toEqual(expect.arrayContaining(["+info", "+scan", "+config|get", "+client|list", "+memory|usage", "+slowlog|get", "+object|freq", "+acl|dryrun"]));
    expect(rules).not.toEqual(expect.arrayContaining(["+keys", "+config|set", "+monitor", "+flushall", "+debug"]));
    // Every rule's sample command is one the policy calls read-only.
    for (const rule of rules) expect(classifyCommand(dryRunArgv(rule)), rule).toBe("read");
  });

  it("reads keys read-only, with no channel access, and keeps fix commands apart", () => {
    const { probes, fixes } = suggestedAclCommands("redline-ro");
    expect(probes).toMatch(/^ACL SETUSER redline-ro on >CHANGE-ME resetkeys %R~\* resetchannels -@all \+/);
    expect(probes).not.toMatch(/script\|kill|config\|set/);
    expect(fixes).toMatch(/\+script\|kill .*\+config\|set/);
  });
});
