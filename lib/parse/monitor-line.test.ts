import { describe, expect, it } from "vitest";
import { argText, isPlainText, parseMonitorLine, reprBytes } from "./monitor-line";

const text = (line: string) => parseMonitorLine(line)?.args.map(argText);

describe("parseMonitorLine", () => {
  it("reads timestamp, db, client and arguments", () => {
    const line = parseMonitorLine('1700000000.123456 [0 127.0.0.1:5555] "GET" "product:1"')!;
    expect(line).toMatchObject({ timestamp: 1700000000.123456, db: 0, source: "127.0.0.1:5555" });
    expect(line.args.map(argText)).toEqual(["GET", "product:1"]);
  });

  it("handles IPv6 peers, unix sockets and commands run by a script", () => {
    expect(parseMonitorLine('1.5 [3 [::1]:6380] "GET" "k"')).toMatchObject({ db: 3, source: "[::1]:6380" });
    expect(parseMonitorLine('1.5 [0 unix:/tmp/redis.sock] "PING"')).toMatchObject({ source: "unix:/tmp/redis.sock" });
    expect(parseMonitorLine('1795532055.181407 [0 lua] "GET" "inlua"')).toMatchObject({ source: "lua" });
  });

  it("unescapes quotes, backslashes and spaces inside arguments (captured from redis 7.0)", () => {
    expect(text('1795532055.155328 [0 127.0.0.1:42876] "SET" "a \\"quoted\\" key" "v\\\\"')).toEqual(["SET", 'a "quoted" key', "v\\"]);
    // An argument that itself contains `" "` must not be split there.
    expect(text('1.0 [0 127.0.0.1:1] "SET" "a\\" \\"b" "x"')).toEqual(["SET", 'a" "b', "x"]);
    expect(text('1.0 [0 127.0.0.1:1] "GET" "sp ace"')).toEqual(["GET", "sp ace"]);
    expect(text('1.0 [0 127.0.0.1:1] "SET" "" "x"')).toEqual(["SET", "", "x"]);
  });

  it("decodes binary arguments byte for byte (captured from redis 7.0)", () => {
    const line = parseMonitorLine('1795532060.163846 [0 127.0.0.1:42936] "SET" "b\\x00\\xff\\n\\r\\a" "\\xc3\\xa9"')!;
    expect([...line.args[1]!]).toEqual([0x62, 0x00, 0xff, 0x0a, 0x0d, 0x07]);
    expect(argText(line.args[1]!)).toBe("b\\x00\\xff\\n\\r\\a");
    // Valid UTF-8 (é) reads as text.
    expect(argText(line.args[2]!)).toBe("é");
  });

  it("rejects what is not a MONITOR line rather than guessing", () => {
    for (const bad of ["OK", "", "abc [0 x] \"GET\"", '1.0 [0 127.0.0.1:1] "GET', '1.0 [0 127.0.0.1:1] GET', '1.0 [0 127.0.0.1:1] "a\\q"', '1.0 [x 127.0.0.1:1] "GET"', '1.0 [0 127.0.0.1:1] "a""b"']) {
      expect(parseMonitorLine(bad), bad).toBeUndefined();
    }
  });
});

describe("argument rendering", () => {
  it("keeps plain text and escapes everything else the way Redis does", () => {
    expect(isPlainText(new TextEncoder().encode("product:1"))).toBe(true);
    expect(isPlainText(Uint8Array.from([0x61, 0x09]))).toBe(false);
    expect(isPlainText(Uint8Array.from([0xff]))).toBe(false);
    expect(reprBytes(Uint8Array.from([0x5c, 0x22, 0x09, 0x08, 0x7f, 0x41]))).toBe('\\\\\\"\\t\\b\\x7fA');
  });

  it("round-trips every byte through Redis's escaping", () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const line = parseMonitorLine(`1.0 [0 127.0.0.1:1] "SET" "${reprBytes(all)}"`)!;
    expect([...line.args[1]!]).toEqual([...all]);
  });
});
