import { describe, expect, it } from "vitest";
import { instanceInputSchema, instancePatchSchema } from "./instance";

describe("ruleOverrides in the instance schemas", () => {
  it("accepts known rule ids with numbers, defaults to none", () => {
    expect(instancePatchSchema.parse({ ruleOverrides: { "clients-warning": 60 } }).ruleOverrides).toEqual({ "clients-warning": 60 });
    expect(instanceInputSchema.parse({ name: "a", host: "h", port: 1 }).ruleOverrides).toEqual({});
  });

  it("refuses unknown rule ids and non-numbers, naming the field", () => {
    const r = instancePatchSchema.safeParse({ ruleOverrides: { "no-such-rule": 1 } });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]).toMatchObject({ path: ["ruleOverrides", "no-such-rule"], message: 'Unknown rule id "no-such-rule"' });
    expect(instancePatchSchema.safeParse({ ruleOverrides: { "clients-warning": "x" } }).success).toBe(false);
  });
});
