// Bearer secrets: session cookie values and API tokens. 32 random bytes each; only their sha256 is
// stored, so a leaked database grants nothing. API tokens carry an `rl_` prefix so that secret
// scanners and people recognise them.
import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

export const API_TOKEN_PREFIX = "rl_";
const API_TOKEN_RE = /^rl_[A-Za-z0-9_-]{43}$/;

export function newSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

export function newApiToken(): string {
  return `${API_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
}

export function isApiTokenFormat(token: string): boolean {
  return API_TOKEN_RE.test(token);
}

export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

/** Constant-time comparison (for the bootstrap token, which is compared, not looked up). */
export function sameSecret(a: string, b: string): boolean {
  const ha = createHash("sha256").update(a).digest();
  const hb = createHash("sha256").update(b).digest();
  return timingSafeEqual(ha, hb);
}
