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
  };
}
