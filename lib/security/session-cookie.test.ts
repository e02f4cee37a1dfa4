// The session cookie's attributes and parsing.
import { describe, expect, it } from "vitest";
import { clearedSessionCookie, readSessionCookie, sessionCookie } from "./session-cookie";

describe("session cookie", () => {
  it("is httpOnly and SameSite=Lax, Secure only over HTTPS", () => {
    const plain = sessionCookie("abc", { secure: false });
    expect(plain).toMatch(/^redline_session=abc; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/);
    expect(sessionCookie("abc", { secure: true })).toMatch(/; Secure$/);
    expect(clearedSessionCookie({ secure: false })).toContain("Max-Age=0");
  });
  it("reads its value among other cookies", () => {
    expect(readSessionCookie("a=1; redline_session=xyz; b=2")).toBe("xyz");
    expect(readSessionCookie("a=1")).toBeUndefined();
    expect(readSessionCookie(null)).toBeUndefined();
  });
});
