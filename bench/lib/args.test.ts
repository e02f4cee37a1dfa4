import { describe, expect, it } from "vitest";
import { Args } from "./args";

describe("Args", () => {
  it("reads named values, flags and bare words apart", () => {
    const a = new Args(["scan", "--keys", "200000", "--json", "hotkeys", "--instances", "100,300"]);
    expect(a.positional()).toEqual(["scan", "hotkeys"]);
    expect(a.number("keys", 1)).toBe(200_000);
    expect(a.number("rounds", 2)).toBe(2);
    expect(a.numbers("instances", [])).toEqual([100, 300]);
    expect(a.has("json")).toBe(true);
    expect(a.has("experiments")).toBe(false);
  });

  it("does not take the word after a boolean flag as its value", () => {
    expect(new Args(["--json", "api"]).positional()).toEqual(["api"]);
  });

  it("refuses a knob that is not a number", () => {
    expect(() => new Args(["--keys", "lots"]).number("keys", 1)).toThrow(/--keys wants a number/);
  });
});
