// Hostile key names in real replies (captured from redis-server 7.0.15, see __fixtures__/SOURCES.md):
// newlines, quotes, HTML, binary bytes, a huge name, bidi control characters. The parsers give back
// the exact bytes (MONITOR, SCAN) or the logged text (SLOWLOG) and never throw; the display form is
// one line of text with no raw control characters.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { argText, parseMonitorLine } from "./monitor-line";
import { parseSlowlog } from "./slowlog";
import { escapeKey } from "@/lib/probes/bigkeys/escape-key";

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, "__fixtures__", name), "utf8");

// The keys the capture SET, in order.
const KEYS: Buffer[] = [
  Buffer.from('line one\n"line two"\r\n\'three\''),
  Buffer.from("<img src=x onerror=window.__pwned=1>"),
  Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x3c, 0x62, 0x3e, 0x7f]),
  Buffer.from(`huge:${"k".repeat(300)}`),
  Buffer.from("ключ 🔑 \u202e reversed"),
  Buffer.from("a b\\c\\\\d\t"),
];

describe("hostile key names in captured replies", () => {
  it("MONITOR lines give back every key byte for byte", () => {
    const lines = fixture("monitor-hostile-keys.txt").trim().split("\n");
    expect(lines).toHaveLength(KEYS.length);
    lines.forEach((line, i) => {
      const parsed = parseMonitorLine(line);
      expect(parsed, line).toBeDefined();
      expect(Buffer.from(parsed!.args[1]!).equals(KEYS[i]!), line).toBe(true);
      expect(argText(parsed!.args[1]!)).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f]/);
    });
  });

  it("SCAN's reply (as Buffers) holds the exact bytes, and their display is one line of text", () => {
    const { keysBase64 } = JSON.parse(fixture("scan-hostile-keys.json")) as { keysBase64: string[] };
    const keys = keysBase64.map((k) => Buffer.from(k, "base64"));
    for (const k of KEYS) expect(keys.some((x) => x.equals(k))).toBe(true);
    for (const k of keys) expect(escapeKey(k)).not.toMatch(/[\x00-\x1f\x7f]/);
  });

  it("SLOWLOG entries parse, with Redis's 128-byte truncation of the huge name kept as logged", () => {
    const entries = parseSlowlog(JSON.parse(fixture("slowlog-hostile-keys.json")));
    expect(entries).toHaveLength(KEYS.length);
    const keys = entries.map((e) => e.argv[1]!);
    expect(keys).toContain("<img src=x onerror=window.__pwned=1>");
    expect(keys).toContain('line one\n"line two"\r\n\'three\'');
    expect(keys.find((k) => k.startsWith("huge:"))).toMatch(/^huge:k{123}\.\.\. \(177 more bytes\)$/);
    for (const e of entries) expect(e.argv[0]).toBe("set");
  });
});
