// Classifies any failure talking to Redis into one of the DESIGN.md codes. Pure, so it is unit-tested
// with the exact messages redis-server, ioredis and Node's TLS/net layers produce.
import type { RedisFailureCode } from "./failure-codes";

// The production bundle may hold two copies of this module (the sampler started by instrumentation.ts
// and the route chunks), and the connection manager on globalThis is built by whichever came first: a
// brand in the global symbol registry makes `instanceof` true for failures from either copy.
const BRAND = Symbol.for("redline.RedisFailure");

export class RedisFailure extends Error {
  readonly code: RedisFailureCode;
  readonly [BRAND] = true;
  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
  constructor(code: RedisFailureCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "RedisFailure";
    this.code = code;
  }
}

const RULES: Array<[RedisFailureCode, RegExp]> = [
  ["redis_busy_script", /^BUSY\b|UNKILLABLE/],
  ["redis_max_clients", /max number of clients reached/i],
  ["redis_loading", /^LOADING\b/],
  ["redis_misconf", /^MISCONF\b/],
  ["redis_auth_failed", /^(WRONGPASS|NOAUTH)\b|invalid (username-)?password|AUTH.*(without any password|failed)/i],
  ["redis_tls_error", /\b(SSL|TLS)\b|certificate|ERR_SSL|EPROTO|wrong version number|self[- ]signed|unable to verify/i],
  ["redis_command_disabled", /unknown command|^NOPERM\b|unknown subcommand|is disabled|has been renamed/i],
  ["redis_timeout", /timed? ?out|ETIMEDOUT/i],
  // ioredis fails the commands in flight when the connection drops (a killed server) with its
  // "max retries per request" error: Redline sets that limit to 0 so the caller hears it at once.
  ["redis_unreachable", /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|ECONNRESET|EPIPE|Connection is closed|Stream isn't writeable|connect ECONN|socket hang up|getaddrinfo|max retries per request/i],
];

/** Node's system errors carry the reason in `code`, not in the message. */
function describe(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code;
    return code && !err.message.includes(code) ? `${code} ${err.message}` : err.message;
  }
  return String(err);
}

export function classifyMessage(message: string): RedisFailureCode {
  for (const [code, pattern] of RULES) if (pattern.test(message)) return code;
  return "redis_error";
}

export function toRedisFailure(err: unknown): RedisFailure {
  if (err instanceof RedisFailure) return err;
  const message = describe(err);
  return new RedisFailure(classifyMessage(message), message, { cause: err });
}
