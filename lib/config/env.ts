// Server configuration read from the environment once; names here are a contract (README, scripts, tests).
import "server-only";
import path from "node:path";

export interface ServerEnv {
  dataDir: string;
  databaseUrl: string | undefined;
  secretKey: string | undefined;
  commandTimeoutMs: number;
  connectTimeoutMs: number;
  labEnabled: boolean;
  /** An admin Bearer token for scripted set-ups and tests; never logged. */
  bootstrapToken: string | undefined;
  /** The first admin's password on first start; generated and printed once when unset. */
  adminPassword: string | undefined;
  /** Single sign-on; undefined (off) unless REDLINE_OIDC_ISSUER and REDLINE_OIDC_CLIENT_ID are set. */
  oidc: OidcEnv | undefined;
}

export interface OidcEnv {
  issuer: string;
  clientId: string;
  /** Undefined for a public client (PKCE only); never logged, registered with the scrubber on use. */
  clientSecret: string | undefined;
  /** Undefined: `<origin the browser used>/api/auth/oidc/callback` (the provider only accepts registered URIs). */
  redirectUrl: string | undefined;
  scopes: string;
  roleClaim: string;
  adminValues: string[];
  responderValues: string[];
  label: string;
}

function list(value: string | undefined): string[] {
  return (value ?? "").split(",").map((v) => v.trim()).filter(Boolean);
}

function readOidcEnv(env: NodeJS.ProcessEnv): OidcEnv | undefined {
  const issuer = env.REDLINE_OIDC_ISSUER?.trim();
  const clientId = env.REDLINE_OIDC_CLIENT_ID?.trim();
  if (!issuer || !clientId) return undefined;
  // Without `openid` the provider would answer as plain OAuth: no ID token, nothing to verify.
  const scopes = env.REDLINE_OIDC_SCOPES?.trim() || "openid profile email";
  return {
    issuer,
    clientId,
    clientSecret: env.REDLINE_OIDC_CLIENT_SECRET || undefined,
    redirectUrl: env.REDLINE_OIDC_REDIRECT_URL?.trim() || undefined,
    scopes: scopes.split(/\s+/).includes("openid") ? scopes : `openid ${scopes}`,
    roleClaim: env.REDLINE_OIDC_ROLE_CLAIM?.trim() || "groups",
    adminValues: list(env.REDLINE_OIDC_ADMIN_VALUES),
    responderValues: list(env.REDLINE_OIDC_RESPONDER_VALUES),
    label: env.REDLINE_OIDC_LABEL?.trim() || "single sign-on",
  };
}

function positiveInt(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export function readEnv(env: NodeJS.ProcessEnv = process.env): ServerEnv {
  return {
    dataDir: path.resolve(/*turbopackIgnore: true*/ env.REDLINE_DATA_DIR || "./data"),
    databaseUrl: env.DATABASE_URL || undefined,
    secretKey: env.REDLINE_SECRET_KEY || undefined,
    commandTimeoutMs: positiveInt(env.REDLINE_COMMAND_TIMEOUT_MS, 2000),
    connectTimeoutMs: positiveInt(env.REDLINE_CONNECT_TIMEOUT_MS, 3000),
    labEnabled: env.REDLINE_LAB === "1",
    bootstrapToken: env.REDLINE_BOOTSTRAP_TOKEN || undefined,
    adminPassword: env.REDLINE_ADMIN_PASSWORD || undefined,
    oidc: readOidcEnv(env),
  };
}
