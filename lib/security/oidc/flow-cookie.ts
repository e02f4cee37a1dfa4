// The short-lived cookie that carries one sign-in attempt from /start to /callback: the PKCE verifier,
// state, nonce, redirect URI and `next` path. Sealed with AES-256-GCM under a key derived from the
// server's master key (HKDF, its own purpose label), so the browser can neither read the verifier nor
// forge an attempt, and any replica with the same master key can finish it. httpOnly, SameSite=Lax:
// the provider's redirect back is a top-level GET, which Lax lets through.
import "server-only";
import { hkdfSync } from "node:crypto";
import { z } from "zod";
import { open, seal } from "../secret-box";

export const OIDC_FLOW_COOKIE = "redline_oidc";
const PATH = "/api/auth/oidc";
/** Long enough to type a password and answer a second factor at the provider. */
export const OIDC_FLOW_TTL_MS = 10 * 60_000;

const flowSchema = z.object({
  state: z.string().min(1),
  nonce: z.string().min(1),
  codeVerifier: z.string().min(1),
  redirectUri: z.string().url(),
  next: z.string(),
  expiresAt: z.number(),
});
export type OidcFlow = z.infer<typeof flowSchema>;

function flowKey(masterKey: Buffer): Buffer {
  return Buffer.from(hkdfSync("sha256", masterKey, Buffer.alloc(0), "redline oidc flow cookie v1", 32));
}

export function sealFlow(masterKey: Buffer, flow: OidcFlow): string {
  // base64url of the sealed text: cookie values may not hold ':' safely in every client, nor '='/'+'.
  return Buffer.from(seal(flowKey(masterKey), JSON.stringify(flow))).toString("base64url");
}

/** The attempt, or undefined when the cookie is missing, tampered with, sealed by another key or expired. */
export function openFlow(masterKey: Buffer, value: string | undefined, now = Date.now()): OidcFlow | undefined {
  if (!value) return undefined;
  try {
    const parsed = flowSchema.safeParse(JSON.parse(open(flowKey(masterKey), Buffer.from(value, "base64url").toString("utf8"))));
    return parsed.success && parsed.data.expiresAt > now ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function flowCookie(value: string, opts: { secure: boolean; maxAgeMs?: number }): string {
  const maxAge = Math.floor((opts.maxAgeMs ?? OIDC_FLOW_TTL_MS) / 1000);
  return [`${OIDC_FLOW_COOKIE}=${value}`, `Path=${PATH}`, "HttpOnly", "SameSite=Lax", `Max-Age=${maxAge}`, ...(opts.secure ? ["Secure"] : [])].join("; ");
}

export function clearedFlowCookie(opts: { secure: boolean }): string {
  return flowCookie("", { ...opts, maxAgeMs: 0 });
}
