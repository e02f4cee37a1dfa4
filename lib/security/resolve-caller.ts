// Resolves the caller of a request from `Authorization: Bearer` (API token or the bootstrap token)
// or the session cookie. Bearer wins when both are present: scripts are explicit about who they are.
import "server-only";
import type { Db } from "@/lib/store/database";
import { findSession } from "@/lib/store/sessions-repo";
import { findLiveApiToken, touchApiToken } from "@/lib/store/api-tokens-repo";
import { readSessionCookie } from "./session-cookie";
import { isApiTokenFormat, sameSecret, sha256 } from "./secret-tokens";
import type { Caller } from "./caller";

export type Credentials = { kind: "bearer"; token: string } | { kind: "cookie"; token: string } | { kind: "none" };

export function credentialsOf(headers: Headers): Credentials {
  const auth = headers.get("authorization");
  const m = auth ? /^Bearer\s+(\S+)\s*$/i.exec(auth) : null;
  if (m) return { kind: "bearer", token: m[1] };
  const cookie = readSessionCookie(headers.get("cookie"));
  return cookie ? { kind: "cookie", token: cookie } : { kind: "none" };
}

export async function callerFromToken(db: Db, token: string, bootstrapToken: string | undefined, now = Date.now()): Promise<Caller | undefined> {
  if (bootstrapToken && sameSecret(token, bootstrapToken)) return { id: "bootstrap", name: "bootstrap", role: "admin", via: "bootstrap" };
  if (!isApiTokenFormat(token)) return undefined;
  const t = await findLiveApiToken(db, sha256(token), now);
  if (!t) return undefined;
  // Best effort: a failed "last used" write must not refuse a valid token.
  await touchApiToken(db, t.id, now).catch(() => {});
  return { id: t.id, name: `token:${t.name}`, role: t.role, via: "token" };
}

export async function callerFromSession(db: Db, token: string, now = Date.now()): Promise<Caller | undefined> {
  const s = await findSession(db, sha256(token), now);
  return s && { id: s.userId, name: s.username, role: s.role, via: "session" };
}

export async function resolveCaller(db: Db, creds: Credentials, bootstrapToken: string | undefined): Promise<Caller | undefined> {
  if (creds.kind === "bearer") return callerFromToken(db, creds.token, bootstrapToken);
  if (creds.kind === "cookie") return callerFromSession(db, creds.token);
  return undefined;
}
