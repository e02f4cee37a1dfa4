// The OpenID Connect relying party, through openid-client: discovery (cached per process), the
// authorization request (code flow, PKCE S256, state, nonce) and the code exchange, whose ID token
// the library validates (signature, issuer, audience, nonce, expiry). The role claim is read from
// the ID token, or from the UserInfo endpoint when the provider keeps it there.
import "server-only";
import * as client from "openid-client";
import type { OidcEnv } from "@/lib/config/env";
import { registerSecret } from "../scrub";
import { OIDC_FLOW_TTL_MS, type OidcFlow } from "./flow-cookie";
import { OidcFailure } from "./oidc-failure";
import { lookupClaim } from "./role-mapping";

export interface OidcIdentity {
  issuer: string;
  subject: string;
  claims: Record<string, unknown>;
  /** The raw ID token: the hint for the provider's logout (kept sealed with the session). */
  idToken?: string;
}

const DISCOVERY_TTL_MS = 60 * 60_000;
const cacheKey = Symbol.for("redline.oidc-discovery");
type Cached = { id: string; at: number; config: Promise<client.Configuration> };
type WithCache = typeof globalThis & { [cacheKey]?: Cached };

/** Plain HTTP only to a provider on this machine (tests, a local dev IdP); anywhere else TLS. */
function isLoopback(url: URL): boolean {
  return ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
}

function discover(env: OidcEnv): Promise<client.Configuration> {
  let issuer: URL;
  try {
    issuer = new URL(env.issuer);
  } catch {
    throw new OidcFailure("oidc_unavailable", "REDLINE_OIDC_ISSUER is not a URL");
  }
  if (issuer.protocol !== "https:" && !(issuer.protocol === "http:" && isLoopback(issuer))) {
    throw new OidcFailure("oidc_unavailable", "REDLINE_OIDC_ISSUER must be https:// (plain http only on localhost)");
  }
  registerSecret(env.clientSecret);
  // client_secret_basic is the OpenID default for a confidential client; no secret = public client (PKCE).
  const auth = env.clientSecret ? client.ClientSecretBasic(env.clientSecret) : client.None();
  const execute = issuer.protocol === "http:" ? [client.allowInsecureRequests] : [];
  return client.discovery(issuer, env.clientId, undefined, auth, { execute, timeout: 10 }).catch((err: unknown) => {
    throw new OidcFailure("oidc_unavailable", `Discovery of ${env.issuer} failed: ${(err as Error).message}`);
  });
}

async function configuration(env: OidcEnv): Promise<client.Configuration> {
  const g = globalThis as WithCache;
  const id = `${env.issuer}\n${env.clientId}`;
  const now = Date.now();
  if (!g[cacheKey] || g[cacheKey].id !== id || now - g[cacheKey].at > DISCOVERY_TTL_MS) {
    const entry: Cached = { id, at: now, config: discover(env) };
    // A failed discovery is not kept: the next sign-in tries again.
    entry.config.catch(() => {
      if (g[cacheKey] === entry) g[cacheKey] = undefined;
    });
    g[cacheKey] = entry;
  }
  return g[cacheKey].config;
}

/** The provider's authorization URL and the attempt to keep in the flow cookie. */
export async function beginSignIn(env: OidcEnv, redirectUri: string, next: string, now = Date.now()): Promise<{ url: URL; flow: OidcFlow }> {
  const config = await configuration(env);
  const codeVerifier = client.randomPKCECodeVerifier();
  const flow: OidcFlow = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier, redirectUri, next, expiresAt: now + OIDC_FLOW_TTL_MS };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: env.scopes,
    response_type: "code",
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state: flow.state,
    nonce: flow.nonce,
  });
  return { url, flow };
}

/** Exchanges the code of a callback whose state already matched the flow cookie. */
export async function finishSignIn(env: OidcEnv, flow: OidcFlow, callbackParams: URLSearchParams): Promise<OidcIdentity> {
  const config = await configuration(env);
  // The redirect URI sent with the code must be the one the attempt started with, whatever Host
  // this request arrived with; the library derives it from the URL it is given.
  const currentUrl = new URL(flow.redirectUri);
  for (const [k, v] of callbackParams) currentUrl.searchParams.append(k, v);
  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    tokens = await client.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: flow.codeVerifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
  } catch (err) {
    if (err instanceof client.AuthorizationResponseError) throw new OidcFailure("oidc_denied", `The provider answered ${err.error}`);
    throw new OidcFailure("oidc_failed", `Code exchange or ID token validation failed: ${(err as Error).message}`);
  }
  const idClaims = tokens.claims();
  if (!idClaims) throw new OidcFailure("oidc_failed", "The provider sent no ID token");
  let claims: Record<string, unknown> = { ...idClaims };
  if (lookupClaim(claims, env.roleClaim) === undefined && config.serverMetadata().userinfo_endpoint) {
    try {
      const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
      // The signed ID token wins over UserInfo where both say something.
      claims = { ...info, ...idClaims };
    } catch (err) {
      // Without the claim the role would silently fall to viewer; better to say the sign-in failed.
      throw new OidcFailure("oidc_failed", `UserInfo request failed: ${(err as Error).message}`);
    }
  }
  return { issuer: idClaims.iss, subject: idClaims.sub, claims, idToken: tokens.id_token };
}

/**
 * RP-initiated logout: the provider's end-session URL with the ID token as hint, so signing out of
 * Redline also ends the provider session (the next sign-in asks again). Undefined when the provider
 * has no end_session_endpoint or cannot be reached: the Redline session is gone either way.
 */
export async function endSessionUrl(env: OidcEnv, idToken: string, postLogoutRedirectUri: string): Promise<URL | undefined> {
  try {
    const config = await configuration(env);
    if (!config.serverMetadata().end_session_endpoint) return undefined;
    return client.buildEndSessionUrl(config, { id_token_hint: idToken, post_logout_redirect_uri: postLogoutRedirectUri });
  } catch {
    return undefined;
  }
}
