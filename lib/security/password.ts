// Password hashing: argon2id with the library's defaults (OWASP's 19 MiB, 2 passes), via the
// prebuilt @node-rs/argon2 binary so that no compiler is needed to install Redline.
import "server-only";
import { hash, verify } from "@node-rs/argon2";

export const MIN_PASSWORD_LENGTH = 12;

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** False for a wrong password and for a malformed stored hash alike: a login never learns which. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

// Verifying against this keeps the time of a login for an unknown user close to a known one's,
// so that response times do not reveal which usernames exist.
let dummy: Promise<string> | undefined;
export async function burnVerify(password: string): Promise<void> {
  dummy ??= hash("redline-timing-equaliser");
  await verifyPassword(await dummy, password);
}
