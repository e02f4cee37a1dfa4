import { describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { open, seal } from "./secret-box";
import { keyFromString, loadOrCreateKey } from "./secret-key";

describe("secret box", () => {
  const key = randomBytes(32);

  it("round-trips and never stores the plaintext", () => {
    const sealed = seal(key, "hunter2-very-secret");
    expect(sealed).not.toContain("hunter2");
    expect(open(key, sealed)).toBe("hunter2-very-secret");
  });

  it("uses a fresh IV for every value", () => {
    expect(seal(key, "same")).not.toBe(seal(key, "same"));
  });

  it("rejects a tampered value and a wrong key", () => {
    const sealed = seal(key, "x");
    const parts = sealed.split(":");
    parts[3] = Buffer.from("y").toString("base64");
    expect(() => open(key, parts.join(":"))).toThrow();
    expect(() => open(randomBytes(32), sealed)).toThrow();
  });
});

describe("secret key", () => {
  it("accepts hex, base64 and passphrases", () => {
    const hex = randomBytes(32).toString("hex");
    expect(keyFromString(hex).toString("hex")).toBe(hex);
    const b64 = randomBytes(32).toString("base64");
    expect(keyFromString(b64).toString("base64")).toBe(b64);
    expect(keyFromString("a passphrase")).toHaveLength(32);
  });

  it("creates the key file once with mode 0600 and reuses it", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "redline-key-"));
    try {
      const a = loadOrCreateKey({ dataDir: dir });
      const b = loadOrCreateKey({ dataDir: dir });
      expect(a.equals(b)).toBe(true);
      expect(fs.statSync(path.join(dir, "secret.key")).mode & 0o777).toBe(0o600);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
