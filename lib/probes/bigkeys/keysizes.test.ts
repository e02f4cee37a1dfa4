import { describe, expect, it } from "vitest";
import { keysAtLeast, largestBucket, parseKeysizes } from "./keysizes";

const SAMPLE = [
  "# Keysizes",
  "db0_distrib_strings_sizes:2=1,4=3,1K=2,2M=1",
  "db0_distrib_hashes_items:8=10,512K=1",
  "db3_distrib_lists_items:0=4,1=2",
  "db0_distrib_key_memory_bytes:64=5",
  "",
].join("\r\n");

describe("parseKeysizes", () => {
  it("reads every histogram with K/M suffixes as powers of 1024", () => {
    const h = parseKeysizes(SAMPLE);
    expect(h.find((x) => x.metric === "strings_sizes")).toEqual({
      db: 0,
      metric: "strings_sizes",
      type: "string",
      buckets: [
        { min: 2, count: 1 },
        { min: 4, count: 3 },
        { min: 1024, count: 2 },
        { min: 2 * 1024 * 1024, count: 1 },
      ],
    });
    expect(h.find((x) => x.metric === "hashes_items")!.buckets).toContainEqual({ min: 512 * 1024, count: 1 });
    expect(h.find((x) => x.db === 3)).toMatchObject({ type: "list", buckets: [{ min: 0, count: 4 }, { min: 1, count: 2 }] });
  });

  it("keeps histograms it does not know, without a type", () => {
    expect(parseKeysizes(SAMPLE).find((x) => x.metric === "key_memory_bytes")).toMatchObject({ type: null });
  });

  it("is empty for a server without the section (Redis < 8) and for junk", () => {
    expect(parseKeysizes("")).toEqual([]);
    expect(parseKeysizes(null)).toEqual([]);
    expect(parseKeysizes("# Keysizes\r\ndb0_distrib_hashes_items:8=x,abc,16=2\r\n")[0]!.buckets).toEqual([{ min: 16, count: 2 }]);
  });
});

describe("keysAtLeast / largestBucket", () => {
  it("counts whole buckets at or above a threshold", () => {
    const hash = parseKeysizes(SAMPLE).find((x) => x.type === "hash")!;
    expect(keysAtLeast(hash, 100_000)).toBe(1);
    expect(keysAtLeast(hash, 8)).toBe(11);
    expect(largestBucket(hash)).toBe(512 * 1024);
    expect(largestBucket({ db: 0, metric: "x", type: null, buckets: [] })).toBeNull();
  });
});
