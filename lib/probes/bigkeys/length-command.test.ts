import { describe, expect, it } from "vitest";
import { CORE_TYPES, lengthCommand, lengthUnit } from "./length-command";

describe("lengthCommand", () => {
  it("maps every core type to its O(1) length command", () => {
    expect(CORE_TYPES.map((t) => [t, lengthCommand(t)])).toEqual([
      ["string", "STRLEN"],
      ["list", "LLEN"],
      ["set", "SCARD"],
      ["zset", "ZCARD"],
      ["hash", "HLEN"],
      ["stream", "XLEN"],
    ]);
  });

  it("has none for module types and for a key that is gone", () => {
    expect(lengthCommand("ReJSON-RL")).toBeUndefined();
    expect(lengthCommand("MBbloom--")).toBeUndefined();
    expect(lengthCommand("none")).toBeUndefined();
  });

  it("names what the length counts", () => {
    expect(lengthUnit("hash")).toBe("fields");
    expect(lengthUnit("string")).toBe("bytes");
    expect(lengthUnit("ReJSON-RL")).toBe("elements");
  });
});
