import { describe, expect, it } from "vitest";
import { classifyCommand } from "./command-policy";

describe("classifyCommand", () => {
  it.each([
    [["KEYS", "*"], "forbidden"],
    [["keys", "session:*"], "forbidden"],
    [["FLUSHALL"], "forbidden"],
    [["DEBUG", "SLEEP", "0"], "forbidden"],
    [["HGETALL", "h"], "forbidden"],
    [["SMEMBERS", "s"], "forbidden"],
    [["LRANGE", "l", "0", "-1"], "forbidden"],
    [["MEMORY", "USAGE", "k", "SAMPLES", "0"], "forbidden"],
    [["memory", "usage", "k", "samples", "5"], "read"],
    [["LRANGE", "l", "0", "9"], "read"],
    [["INFO", "everything"], "read"],
    [["CONFIG", "GET", "maxclients"], "read"],
    [["CONFIG", "SET", "activedefrag", "yes"], "mutating"],
    [["CLIENT", "LIST"], "read"],
    [["CLIENT", "KILL", "ID", "5"], "mutating"],
    [["SCRIPT", "KILL"], "mutating"],
    [["MONITOR"], "mutating"],
    [["UNLINK", "big"], "mutating"],
    [["SCAN", "0", "COUNT", "100"], "read"],
  ] as Array<[string[], string]>)("%j is %s", (argv, expected) => {
    expect(classifyCommand(argv)).toBe(expected);
  });
});
