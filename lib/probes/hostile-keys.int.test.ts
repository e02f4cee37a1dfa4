// Hostile key names from a real redis-server: newlines, quotes, HTML, binary bytes and a huge name.
// The scanning and sampling probes parse them without failing, show each one as escaped text, and
// keep the exact bytes (base64) where the shown name is not the key itself.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLabClient, startStandalone, stopAll, type RedisProcess } from "@/lib/lab";
import { labConfig } from "@/lib/testing/instance-config";
import { getConnectionManager } from "@/lib/redis/connection-manager";
import { runProbe } from "./run-probe";
import { getProbe } from "./registry";

const HOSTILE: Array<[string, Buffer]> = [
  ["newline and quotes", Buffer.from('line one\n"line two"\r\n\'three\'')],
  ["html", Buffer.from("<img src=x onerror=window.__pwned=1>")],
  ["binary", Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x3c, 0x62, 0x3e, 0x7f])],
  ["huge", Buffer.from(`huge:${"k".repeat(100_000)}`)],
  ["unicode", Buffer.from("ключ 🔑 \u202e reversed")],
  ["spaces and backslashes", Buffer.from("a b\\c\\\\d\t")],
];

describe("probes over hostile key names", () => {
  let node: RedisProcess;
  const config = () => labConfig(node);

  beforeAll(async () => {
    node = (await startStandalone({ args: ["--slowlog-log-slower-than", "0"] })).node;
    const c = createLabClient(node);
    for (const [, key] of HOSTILE) {
      await c.set(key, Buffer.alloc(20_000, 0x61));
      await c.hset(Buffer.concat([key, Buffer.from(":h")]), "f\n\"x\"", "v");
    }
    // Small values too (the e2e page test plants these): encodings differ from the big ones above.
    await c.set(Buffer.from([0xff, 0xfe, 0x00, 0x3c, 0x62, 0x3e]), "binary");
    await c.set("it's \"quoted\"", "x");
    c.disconnect();
  });

  afterAll(async () => {
    getConnectionManager().closeAll();
    await stopAll();
  });

  it("bigkeys lists every hostile key, escaped, with its exact bytes", async () => {
    const result = await runProbe(getProbe("bigkeys")!, config(), getProbe("bigkeys")!.params.parse({}));
    expect(result.error).toBeUndefined();
    expect(result.partial).toBe(false);
    const rows = (result.data as { rows: Array<{ key: string; keyBase64?: string; bytes: number }> }).rows;
    for (const [what, key] of HOSTILE) {
      const row = rows.find((r) => (r.keyBase64 ? Buffer.from(r.keyBase64, "base64").equals(key) : r.key === key.toString()));
      expect(row, what).toBeDefined();
      // Shown as one line of text: no raw control characters reach the page or a Markdown export.
      expect(row!.key, what).not.toMatch(/[\x00-\x1f\x7f]/);
    }
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it("slowlog shows the commands that carried them, escaped, and the JSON round-trips", async () => {
    const result = await runProbe(getProbe("slowlog")!, config(), getProbe("slowlog")!.params.parse({}));
    expect(result.error).toBeUndefined();
    const text = JSON.stringify(result.data);
    expect(text).toContain("<img src=x onerror=window.__pwned=1>");
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });
});
