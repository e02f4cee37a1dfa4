// Coercion of loosely typed Redis replies (string | Buffer | number, text blobs, key/value lists) shared by the parsers.

// TextDecoder rather than Buffer so the parsers also run in a browser bundle; it never throws on bad UTF-8.
const decoder = new TextDecoder();

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A reply element as text: strings, Buffers/Uint8Arrays and numbers; anything else is not text. */
export function replyText(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (value instanceof Uint8Array) return decoder.decode(value);
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  return undefined;
}

/** Decimal text only: Number() alone would accept "", " ", "0x1f" and "Infinity". */
export function parseNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (!DECIMAL.test(trimmed)) return undefined;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : undefined;
}

/** A reply element as a finite number, whether Redis/ioredis handed it over as a number or as text (stringNumbers, RESP2 doubles). */
export function replyNumber(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "bigint") return replyNumber(Number(value));
  const text = replyText(value);
  return text === undefined ? undefined : parseNumber(text);
}

/** Whole-text input for the line-oriented parsers; anything that is not text is treated as empty. */
export function inputText(value: unknown): string {
  if (typeof value === "string") return value;
  if (value instanceof Uint8Array) return decoder.decode(value);
  return "";
}

export function splitLines(text: string): string[] {
  return text.split(/\r\n|\n|\r/);
}

/**
 * Sets an own enumerable property even for keys such as `__proto__`, which plain assignment would turn into a
 * prototype change: keys come from the server (INFO fields, config names, client names) and must stay data.
 */
export function putOwn<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Own-property lookup, so that `constructor` or `toString` never resolve to Object.prototype members. */
export function getOwn<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * Key/value pairs from a map-like reply: RESP2 flat arrays `[k, v, k, v]` (ioredis protocol 2, or protocol 3 with
 * legacy reply mapping), plain objects (protocol 3 with `replyMapping: "resp3"`) and Maps. Non-text keys are skipped.
 */
export function replyPairs(reply: unknown): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  if (Array.isArray(reply)) {
    for (let i = 0; i + 1 < reply.length; i += 2) {
      const key = replyText(reply[i]);
      if (key !== undefined) out.push([key, reply[i + 1]]);
    }
  } else if (reply instanceof Map) {
    for (const [k, v] of reply) {
      const key = replyText(k);
      if (key !== undefined) out.push([key, v]);
    }
  } else if (isPlainObject(reply)) {
    for (const key of Object.keys(reply)) out.push([key, reply[key]]);
  }
  return out;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Splits `a=1,b=2` (INFO sub-fields); only the first `=` separates, so values may contain `=`. */
export function parseCommaPairs(value: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of value.split(",")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const key = part.slice(0, eq).trim();
    if (key && !Object.hasOwn(out, key)) putOwn(out, key, part.slice(eq + 1).trim());
  }
  return out;
}

/** The parsers promise never to throw, even on hostile inputs such as revoked Proxies; this is the last line of that promise. */
export function neverThrow<T>(fallback: () => T, parse: () => T): T {
  try {
    return parse();
  } catch {
    return fallback();
  }
}

/** Splits `host:port` on the last colon, so IPv6 (`[::1]:6379`, `::1:6379`) and unix socket paths keep their own colons. */
export function splitHostPort(addr: string): { host: string; port: number } {
  const colon = addr.lastIndexOf(":");
  if (colon < 0) return { host: addr, port: 0 };
  let host = addr.slice(0, colon);
  if (host.startsWith("[") && host.endsWith("]")) host = host.slice(1, -1);
  return { host, port: parseNumber(addr.slice(colon + 1)) ?? 0 };
}
