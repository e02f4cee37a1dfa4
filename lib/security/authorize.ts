// Turns credentials into a caller and a role check into 401/403 problems, for withApi and for the
// few handlers whose required role depends on the request (a probe's cost).
import "server-only";
import { ApiError } from "@/lib/api/problem";
import { readEnv } from "@/lib/config/env";
import { getStore } from "@/lib/store/get-store";
import { credentialsOf, resolveCaller } from "./resolve-caller";
import { isSameOrigin, MUTATING_METHODS, requestOrigin } from "./same-origin";
import { atLeast, type Role } from "./roles";
import type { Caller } from "./caller";

export type AuthLevel = Role | "public";

export function requireRole(user: Caller | undefined, role: Role): asserts user is Caller {
  if (!user) throw new ApiError("unauthorized", "Sign in, or send an API token as `Authorization: Bearer <token>`");
  if (!atLeast(user.role, role)) throw new ApiError("forbidden", `This needs the ${role} role; you are signed in as ${user.role}`);
}

/** Authenticates the request and checks its role and origin; the caller, or undefined on a public route. */
export async function authorize(req: Request, level: AuthLevel): Promise<Caller | undefined> {
  const creds = credentialsOf(req.headers);
  let user: Caller | undefined;
  if (creds.kind !== "none") {
    const { db } = await getStore();
    user = await resolveCaller(db, creds, readEnv().bootstrapToken);
  }
  if (level !== "public") requireRole(user, level);
  // A browser attaches the cookie to cross-site requests too; a Bearer token it never adds by itself.
  if (MUTATING_METHODS.has(req.method) && creds.kind !== "bearer" && !isSameOrigin(req.headers, requestOrigin(req.headers, req.url))) {
    throw new ApiError("forbidden", "Cross-site request refused: Origin does not match this server");
  }
  return user;
}
