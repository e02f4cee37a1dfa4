// Open-redirect cases for the post-sign-in path.
import { describe, expect, it } from "vitest";
import { safeNextPath } from "./next-path";

describe("safeNextPath", () => {
  it("keeps a local path with its query and fragment", () => {
    expect(safeNextPath("/instances/abc?tab=health#x")).toBe("/instances/abc?tab=health#x");
    expect(safeNextPath("/")).toBe("/");
  });

  it("falls back to / when absent", () => {
    expect(safeNextPath(undefined)).toBe("/");
    expect(safeNextPath(null)).toBe("/");
    expect(safeNextPath("")).toBe("/");
  });

  it.each([
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "javascript:alert(1)",
    "evil.example",
    "/%5Cevil.example/..\\x",
  ])("refuses %j", (next) => {
    expect(safeNextPath(next)).toBe("/");
  });

  it("normalises dot segments without leaving the site", () => {
    expect(safeNextPath("/a/../../b")).toBe("/b");
  });
});
