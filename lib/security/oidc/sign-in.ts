// Single sign-on, the Redline side: the verified identity → its local user (created or updated with
// the role its claim maps to) → the same session as a password sign-in, audited with via "oidc".
import "server-only";
import type { OidcEnv } from "@/lib/config/env";
import type { Db } from "@/lib/store/database";
import { appendAudit } from "@/lib/store/audit-repo";
import { scrubSecrets } from "../scrub";
import { seal } from "../secret-box";
import { startSession } from "../login";
import type { Role } from "../roles";
import { roleFromClaims } from "./role-mapping";
import { userForIdentity } from "./local-user";
import type { OidcIdentity } from "./relying-party";

export interface OidcSignIn {
  token: string;
  expiresAt: number;
  user: { id: string; username: string; role: Role };
}

/** `key` seals the ID token kept with the session for the provider's logout. */
export async function signInWithIdentity(db: Db, key: Buffer, env: OidcEnv, identity: OidcIdentity, ip: string, now = Date.now()): Promise<OidcSignIn> {
  const role = roleFromClaims(identity.claims, env);
  const user = await userForIdentity(db, identity, role, now);
  const oidcIdTokenSealed = identity.idToken ? seal(key, identity.idToken) : undefined;
  const { token, expiresAt } = await startSession(db, user.id, now, { oidcIdTokenSealed });
  // The subject is in the record: the username is a label, the subject says who it really was.
  const detail = { ip, via: "oidc", issuer: identity.issuer, subject: identity.subject, role, ...(user.created ? { created: true } : {}), ...(user.previousRole ? { previousRole: user.previousRole } : {}) };
  await appendAudit(db, { actor: user.username, action: "auth.sign-in", instanceId: null, detail }, now);
  return { token, expiresAt, user: { id: user.id, username: user.username, role } };
}

/** A refused single sign-on; the actor is unknown at that point, the reason is a code plus our own words. */
export async function auditOidcFailure(db: Db, ip: string, reason: string, message: string, now = Date.now()): Promise<void> {
  await appendAudit(db, { actor: "oidc", action: "auth.sign-in-failed", instanceId: null, detail: { ip, via: "oidc", reason, message: scrubSecrets(message).slice(0, 300) } }, now);
}
