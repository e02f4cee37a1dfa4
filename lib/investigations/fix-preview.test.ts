import { describe, expect, it } from "vitest";
import { getPlaybook, PLAYBOOKS } from "@/lib/playbooks";
import { argvLine, confirmationText, fixPreview } from "./fix-preview";

describe("fixPreview", () => {
  it("names the placeholders of a fix that needs input and keeps the template", () => {
    const fix = getPlaybook("keys-blocking")!.fixes.find((f) => f.id === "acl-deny-keys")!;
    expect(fixPreview(fix)).toMatchObject({ risk: "config", commands: ["ACL SETUSER {user} -keys"], needs: ["user"] });
  });

  it("marks a manual fix with no commands", () => {
    const fix = getPlaybook("keys-blocking")!.fixes.find((f) => f.id === "rename-in-config")!;
    expect(fixPreview(fix)).toMatchObject({ commands: [], needs: [], manual: { instructions: expect.any(String) } });
  });

  it("gives every fix of every playbook either exact commands, a template with needs, or manual instructions", () => {
    for (const p of PLAYBOOKS)
      for (const f of p.fixes) {
        const v = fixPreview(f);
        expect(v.commands.length > 0 || v.manual !== undefined).toBe(true);
        if (v.needs.length === 0 && f.argv) expect(v.commands.join("\n")).not.toMatch(/\{[A-Za-z]/);
      }
  });

  it("quotes arguments as redis-cli needs them", () => {
    expect(argvLine(["CONFIG", "SET", "save", ""])).toBe('CONFIG SET save ""');
    expect(argvLine(["SET", "k", "a b"])).toBe('SET k "a b"');
  });
});

describe("confirmationText", () => {
  it("is the exact command line(s), one per line, as the Fix phase shows them", () => {
    expect(confirmationText([{ argv: ["SCRIPT", "KILL"] }])).toBe("SCRIPT KILL");
    expect(confirmationText([{ argv: ["CLIENT", "KILL", "ID", "17"] }, { argv: ["CONFIG", "SET", "save", ""] }])).toBe('CLIENT KILL ID 17\nCONFIG SET save ""');
  });
});
