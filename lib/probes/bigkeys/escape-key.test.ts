import { describe, expect, it } from "vitest";
import { displayKey, escapeBytes, escapeKey } from "./escape-key";

describe("escapeKey", () => {
  it("leaves printable names alone", () => {
    expect(escapeKey(Buffer.from("user:profile:hash"))).toBe("user:profile:hash");
  });

  it("escapes control bytes, quotes and backslashes like redis-cli", () => {
    expect(escapeKey(Buffer.from([0x61, 0x00, 0x0a, 0x22, 0x5c, 0x7f]))).toBe('a\\x00\\n\\"\\\\\\x7f');
  });

  it("keeps valid UTF-8 readable and escapes bytes that are not UTF-8", () => {
    expect(escapeKey(Buffer.from("clé:ключ"))).toBe("clé:ключ");
    expect(escapeKey(Buffer.from([0x6b, 0xff, 0xfe, 0x01]))).toBe("k\\xff\\xfe\\x01");
  });

  it("escapes every non-ASCII byte in redis-cli mode", () => {
    expect(escapeBytes(Buffer.from("é"))).toBe("\\xc3\\xa9");
  });
});

describe("displayKey", () => {
  it("adds the exact bytes only when the shown name is not the key", () => {
    expect(displayKey(Buffer.from("plain"))).toEqual({ key: "plain" });
    const raw = Buffer.from([0x00, 0xff, 0x41]);
    const shown = displayKey(raw);
    expect(shown.key).toBe("\\x00\\xffA");
    expect(Buffer.from(shown.keyBase64!, "base64").equals(raw)).toBe(true);
  });
});
