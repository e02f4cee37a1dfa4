import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseInfo } from "@/lib/parse/info";
import { hitRatioPct, keyspaceDbRows, keyspaceNodeRow } from "./keyspace-figures";

const info = parseInfo(readFileSync(new URL("../parse/__fixtures__/info-all.txt", import.meta.url), "utf8"));

describe("keyspace figures", () => {
  it("gives one row per database from a real INFO", () => {
    expect(keyspaceDbRows("n", info)).toEqual([
      { node: "n", db: 0, keys: 66, expires: 10, expiresPct: 15.2, avgTtlMs: 3598777 },
      { node: "n", db: 2, keys: 21, expires: 20, expiresPct: 95.2, avgTtlMs: 598827 },
    ]);
  });

  it("sums keys and computes the hit ratio", () => {
    expect(keyspaceNodeRow("n", info)).toEqual({
      node: "n", keys: 87, expiredKeys: 0, evictedKeys: 0, keyspaceHits: 33, keyspaceMisses: 1, hitRatioPct: 97.06, maxmemoryPolicy: "noeviction",
    });
  });

  it("has no hit ratio before any lookup", () => {
    expect(hitRatioPct(0, 0)).toBeNull();
    expect(hitRatioPct(undefined, 3)).toBeNull();
    expect(hitRatioPct(1, 3)).toBe(25);
  });
});
