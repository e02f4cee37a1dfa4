// Loads the 32-byte master key: REDLINE_SECRET_KEY, or a key file created at first start with mode 0600.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * A configured key may be any string: 64 hex chars or 44 base64 chars are used as raw bytes,
 * anything else is stretched with SHA-256 so that operators can pass a passphrase.
 */
export function keyFromString(value: string): Buffer {
  if (/^[0-9a-f]{64}$/i.test(value)) return Buffer.from(value, "hex");
  const b64 = Buffer.from(value, "base64");
  if (b64.length === 32 && /^[A-Za-z0-9+/]{43}=$/.test(value)) return b64;
  return createHash("sha256").update(value, "utf8").digest();
}

export function loadOrCreateKey(opts: { secretKey?: string; dataDir: string }): Buffer {
  if (opts.secretKey) return keyFromString(opts.secretKey);
  const file = path.join(opts.dataDir, "secret.key");
  try {
    return keyFromString(fs.readFileSync(file, "utf8").trim());
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const fresh = randomBytes(32).toString("hex");
  try {
    // `wx` fails if another process created it first; then we read theirs.
    fs.writeFileSync(file, fresh + "\n", { mode: 0o600, flag: "wx" });
    return Buffer.from(fresh, "hex");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    return keyFromString(fs.readFileSync(file, "utf8").trim());
  }
}
