// Token format and hashing: rl_ + 43 base64url characters, sha256 hex stored, constant-time compare.
import { describe, expect, it } from "vitest";
import { isApiTokenFormat, newApiToken, newSessionToken, sameSecret, sha256 } from "./secret-tokens";

describe("secret tokens", () => {
  it("makes API tokens rl_ + 32 random bytes, each different", () => {
    const a = newApiToken();
    expect(a).toMatch(/^rl_[A-Za-z0-9_-]{43}$/);
    expect(isApiTokenFormat(a)).toBe(true);
    expect(newApiToken()).not.toBe(a);
    expect(isApiTokenFormat("rl_short")).toBe(false);
    expect(isApiTokenFormat(newSessionToken())).toBe(false);
  });
  it("hashes to 64 hex characters and compares secrets exactly", () => {
    expect(sha256("x")).toMatch(/^[0-9a-f]{64}$/);
    expect(sha256("x")).toBe(sha256("x"));
    expect(sameSecret("abc", "abc")).toBe(true);
    expect(sameSecret("abc", "abd")).toBe(false);
    expect(sameSecret("abc", "abcd")).toBe(false);
  });
});
