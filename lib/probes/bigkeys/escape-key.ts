// Key names for display: Redis keys are arbitrary bytes, a page and a postmortem need text. Valid
// UTF-8 stays readable; control bytes, backslashes and bytes that are not UTF-8 are escaped the way
// redis-cli prints them ("\x00", "\n"), and the exact bytes travel as base64 whenever the shown
// name is not the key itself.

const NAMED: Record<number, string> = { 0x07: "\\a", 0x08: "\\b", 0x09: "\\t", 0x0a: "\\n", 0x0d: "\\r", 0x22: '\\"', 0x5c: "\\\\" };

const utf8 = new TextDecoder("utf-8", { fatal: true });

function hex(byte: number): string {
  return `\\x${byte.toString(16).padStart(2, "0")}`;
}

function escapeByte(byte: number): string {
  return NAMED[byte] ?? (byte < 0x20 || byte >= 0x7f ? hex(byte) : String.fromCharCode(byte));
}

/** redis-cli style: printable ASCII as is, everything else escaped byte by byte. */
export function escapeBytes(key: Uint8Array): string {
  let out = "";
  for (const byte of key) out += escapeByte(byte);
  return out;
}

/** Readable UTF-8 when the bytes are UTF-8 (only control characters, quotes and backslashes escaped). */
export function escapeKey(key: Uint8Array | string): string {
  if (typeof key === "string") return key.replace(/[\x00-\x1f\x7f"\\]/g, (c) => escapeByte(c.charCodeAt(0)));
  let text: string;
  try {
    text = utf8.decode(key);
  } catch {
    return escapeBytes(key);
  }
  return escapeKey(text);
}

export interface DisplayKey {
  key: string;
  /** The key's exact bytes, present only when `key` is not them (escaped or not UTF-8). */
  keyBase64?: string;
}

export function displayKey(raw: Buffer): DisplayKey {
  const key = escapeKey(raw);
  return key === raw.toString("utf8") && Buffer.byteLength(key) === raw.length ? { key } : { key, keyBase64: raw.toString("base64") };
}
