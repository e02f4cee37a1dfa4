// First start: an empty user table gets an `admin` account, so that Redline is never open to
// anyone. Its password comes from REDLINE_ADMIN_PASSWORD or is generated and printed exactly once.
import "server-only";
import { randomBytes } from "node:crypto";
import { logger } from "@/lib/log/logger";
import type { Db } from "@/lib/store/database";
import { countUsers, createUser } from "@/lib/store/users-repo";
import { hashPassword } from "./password";
import { registerSecret } from "./scrub";

export const FIRST_ADMIN = "admin";

/** Returns the generated password when one was generated (for tests), else undefined. */
export async function ensureFirstAdmin(db: Db, configured: string | undefined): Promise<string | undefined> {
  if ((await countUsers(db)) > 0) return undefined;
  const password = configured ?? randomBytes(18).toString("base64url");
  registerSecret(configured);
  try {
    await createUser(db, { username: FIRST_ADMIN, passwordHash: await hashPassword(password), role: "admin" });
  } catch (err) {
    // Another replica (or a dev reload) created it first: the unique index said so.
    if ((await countUsers(db)) > 0) return undefined;
    throw err;
  }
  if (configured) {
    logger.info({ username: FIRST_ADMIN }, "First start: created the admin account with the password from REDLINE_ADMIN_PASSWORD");
    return undefined;
  }
  // In the message, not a field: the logger redacts fields named password, and this line is the
  // only way the operator learns it. It is never printed again.
  logger.warn({ username: FIRST_ADMIN }, `First start: created the admin account "${FIRST_ADMIN}" with the one-time password ${password} (shown once; keep it safe)`);
  return password;
}

const announced = Symbol.for("redline.bootstrap-announced");
type WithFlag = typeof globalThis & { [announced]?: boolean };

export function announceBootstrapToken(token: string | undefined): void {
  const g = globalThis as WithFlag;
  if (!token || g[announced]) return;
  g[announced] = true;
  registerSecret(token);
  logger.warn("REDLINE_BOOTSTRAP_TOKEN is set: it is accepted as an admin API token (for scripted set-ups and tests)");
}
