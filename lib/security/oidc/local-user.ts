// Which local user an OIDC identity signs in as. The identity (issuer + subject) is the key; the
// username is only a readable label chosen once, at the first sign-in. It always starts with
// `oidc:`, which local account names cannot contain, so a provider's `preferred_username` can never
// take over a local account (say `admin`); two identities with the same hint are told apart by a
// hash of their subject. The role follows the provider's claim on every sign-in.
import "server-only";
import { createHash } from "node:crypto";
import type { Db } from "@/lib/store/database";
import { createUser, findUserById, findUserByName, setRole } from "@/lib/store/users-repo";
import { findIdentity, linkIdentity, touchIdentity } from "@/lib/store/identities-repo";
import type { Role } from "../roles";
import type { OidcIdentity } from "./relying-party";

/** Stored in place of a password hash: not an argon2 string, so a local sign-in never matches it. */
export const OIDC_NO_PASSWORD = "!oidc";

export interface OidcUser {
  id: string;
  username: string;
  role: Role;
  created: boolean;
  previousRole?: Role;
}

/** The usernames to try, in order: `oidc:<hint>`, then `oidc:<hint>~<hash>` (hint: preferred_username, e-mail, subject). */
export function usernameCandidates(identity: Pick<OidcIdentity, "issuer" | "subject" | "claims">): string[] {
  const { claims } = identity;
  const raw = [claims.preferred_username, claims.email, identity.subject].find((v): v is string => typeof v === "string" && v.trim() !== "") ?? "";
  const hint = raw.trim().toLowerCase().replace(/[^a-z0-9._@-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40);
  const hash = createHash("sha256").update(`${identity.issuer}\n${identity.subject}`).digest("hex").slice(0, 10);
  return hint ? [`oidc:${hint}`, `oidc:${hint}~${hash}`] : [`oidc:${hash}`];
}

async function createForIdentity(db: Db, identity: OidcIdentity, role: Role, now: number): Promise<OidcUser> {
  for (const username of usernameCandidates(identity)) {
    if (await findUserByName(db, username)) continue;
    const user = await db.transaction().execute(async (trx) => {
      const u = await createUser(trx, { username, passwordHash: OIDC_NO_PASSWORD, role }, now);
      await linkIdentity(trx, { issuer: identity.issuer, subject: identity.subject, userId: u.id }, now);
      return u;
    });
    return { id: user.id, username: user.username, role, created: true };
  }
  // Unreachable unless someone already holds the hash-suffixed name too: refuse rather than share.
  throw new Error("No free username for this identity");
}

export async function userForIdentity(db: Db, identity: OidcIdentity, role: Role, now = Date.now()): Promise<OidcUser> {
  const linked = await findIdentity(db, identity.issuer, identity.subject);
  if (!linked) {
    try {
      return await createForIdentity(db, identity, role, now);
    } catch (err) {
      // Two first sign-ins of the same person at once: the other one linked it; use theirs.
      if (!(await findIdentity(db, identity.issuer, identity.subject))) throw err;
      return userForIdentity(db, identity, role, now);
    }
  }
  const user = await findUserById(db, linked.userId);
  if (!user) throw new Error("Identity linked to a missing user");
  if (user.role !== role) await setRole(db, user.id, role);
  await touchIdentity(db, identity.issuer, identity.subject, now);
  return { id: user.id, username: user.username, role, created: false, ...(user.role !== role ? { previousRole: user.role } : {}) };
}
