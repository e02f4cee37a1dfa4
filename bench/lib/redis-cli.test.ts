import { describe, expect, it } from "vitest";
import { biggestKeys, hotKeys, unquote } from "./redis-cli";

// Tails of redis-cli 7.0.15's reports, as printed (the "so far" progress lines name other keys).
const BIGKEYS = `[00.00%] Biggest string found so far '"small"' with 1 bytes
[00.00%] Biggest string found so far '"big:string:a"' with 23 bytes

-------- summary -------

Sampled 3 keys in the keyspace!
Biggest   list found '"my \\"list\\""' has 3 items
Biggest string found '"big:string:a"' has 23 bytes

1 lists with 3 items (33.33% of keys, avg size 3.00)
`;

const HOTKEYS = `[00.00%] Hot key '"small"' found so far with counter 7

-------- summary -------

Sampled 3 keys in the keyspace!
hot key found with counter: 7\tkeyname: "small"
hot key found with counter: 6\tkeyname: "my \\"list\\""
hot key found with counter: 6\tkeyname: "bin\\x00\\n"
`;

describe("redis-cli report parsers", () => {
  it("reads the final biggest-per-type lines only, unquoted", () => {
    expect(biggestKeys(BIGKEYS)).toEqual(['my "list"', "big:string:a"]);
  });

  it("reads the --hotkeys summary in order with counters", () => {
    expect(hotKeys(HOTKEYS)).toEqual([
      { key: "small", counter: 7 },
      { key: 'my "list"', counter: 6 },
      { key: "bin\u0000\n", counter: 6 },
    ]);
  });

  it("undoes sdscatrepr escapes", () => {
    expect(unquote(String.raw`a\\b\"c\x41\t`)).toBe('a\\b"cA\t');
  });
});
