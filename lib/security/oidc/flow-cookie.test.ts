// The sealed sign-in attempt: readable only with the same master key, unforgeable, and short-lived.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { clearedFlowCookie, flowCookie, openFlow, sealFlow, type OidcFlow } from "./flow-cookie";

const key = randomBytes(32);
const now = 1_700_000_000_000;
const flow: OidcFlow = { state: "s1", nonce: "n1", codeVerifier: "v".repeat(43), redirectUri: "https://redline.example/api/auth/oidc/callback", next: "/instances", expiresAt: now + 60_000 };

describe("OIDC flow cookie", () => {
  it("opens what it sealed, and hides the verifier from the browser", () => {
    const value = sealFlow(key, flow);
    expect(value).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(value, "base64url").toString()).not.toContain(flow.codeVerifier);
    expect(openFlow(key, value, now)).toEqual(flow);
  });

  it("refuses a tampered value, another key, an expired attempt and garbage", () => {
    const value = sealFlow(key, flow);
    const raw = Buffer.from(value, "base64url");
    raw[raw.length - 3] ^= 1;
    expect(openFlow(key, raw.toString("base64url"), now)).toBeUndefined();
    expect(openFlow(randomBytes(32), value, now)).toBeUndefined();
    expect(openFlow(key, value, flow.expiresAt)).toBeUndefined();
    expect(openFlow(key, "not-a-cookie", now)).toBeUndefined();
    expect(openFlow(key, undefined, now)).toBeUndefined();
  });

  it("is httpOnly, SameSite=Lax, scoped to the OIDC routes, Secure over HTTPS, and can be cleared", () => {
    const c = flowCookie("abc", { secure: true });
    expect(c).toMatch(/^redline_oidc=abc; Path=\/api\/auth\/oidc; HttpOnly; SameSite=Lax; Max-Age=600; Secure$/);
    expect(flowCookie("abc", { secure: false })).not.toMatch(/Secure/);
    expect(clearedFlowCookie({ secure: false })).toMatch(/Max-Age=0/);
  });
});
