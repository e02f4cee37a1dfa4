import { describe, expect, it } from "vitest";
import { z } from "zod";
import { getPlaybook } from "@/lib/playbooks";
import { fixFields } from "./fix-fields";

const fieldsOf = (playbookId: string, fixId: string) => {
  const fix = getPlaybook(playbookId)!.fixes.find((f) => f.id === fixId)!;
  return fixFields(z.toJSONSchema(fix.params, { io: "input" }) as Parameters<typeof fixFields>[0]);
};

describe("fixFields", () => {
  it("reads bounds and defaults of numeric params, which are then not required", () => {
    expect(fieldsOf("fragmentation", "enable-activedefrag")).toEqual([
      expect.objectContaining({ name: "ignoreBytes", kind: "integer", required: false, min: 1024 * 1024, default: 100 * 1024 * 1024 }),
      expect.objectContaining({ name: "thresholdLowerPct", kind: "integer", required: false, min: 1, max: 100, default: 10 }),
    ]);
  });

  it("makes a list of the connections to kill and keeps the threshold a number", () => {
    const fields = fieldsOf("connection-exhaustion", "kill-idle");
    expect(fields.map((f) => [f.name, f.kind, f.required])).toEqual([
      ["connections", "list", true],
      ["minIdleSeconds", "integer", true],
    ]);
  });

  it("offers the choices of an enum and a text field for a key", () => {
    expect(fieldsOf("hotkey-stampede", "enable-lfu")).toEqual([expect.objectContaining({ name: "policy", kind: "choice", options: ["allkeys-lfu", "volatile-lfu"], default: "allkeys-lfu" })]);
    expect(fieldsOf("bigkey", "unlink-key")[0]).toEqual(expect.objectContaining({ name: "key", kind: "text", required: true }));
  });

  it("gives no field to a fix without params", () => {
    expect(fieldsOf("lua-busy", "script-kill")).toEqual([]);
  });
});

describe("fixFields bounds", () => {
  it("drops the safe-integer range zod's int() adds, keeps real bounds", () => {
    const fields = fixFields(z.toJSONSchema(z.object({ s: z.number().int().min(10), n: z.number().int() }), { io: "input" }) as Parameters<typeof fixFields>[0]);
    expect(fields[0]).toMatchObject({ name: "s", min: 10 });
    expect(fields[0]).not.toHaveProperty("max");
    expect(fields[1]).not.toHaveProperty("min");
  });
});
