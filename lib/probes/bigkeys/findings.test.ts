import { describe, expect, it } from "vitest";
import type { KeyEntry } from "./collector";
import { bigkeyFindings, bigkeyThresholds, keyFinding, MAX_KEY_FINDINGS } from "./findings";

const MB = 1024 * 1024;
const entry = (key: string, bytes: number, elements: number | null, type = "hash"): KeyEntry => ({
  id: key,
  node: "127.0.0.1:7000",
  raw: Buffer.from(key),
  type,
  bytes,
  elements,
});

describe("bigkey findings", () => {
  it("reads its thresholds from the rule table", () => {
    expect(bigkeyThresholds()).toEqual({ bytes: 10 * MB, elements: 100_000 });
  });

  it("flags a key over the byte rule with its evidence", () => {
    const f = keyFinding(entry("blob", 12 * MB, 12 * MB, "string"))!;
    expect(f).toMatchObject({
      code: "bigkey.found",
      severity: "warning",
      evidence: { node: "127.0.0.1:7000", key: "blob", type: "string", bytes: 12 * MB, elements: 12 * MB, rule: "bigkey-bytes" },
    });
    expect(f.message).toContain('string "blob" on 127.0.0.1:7000');
  });

  it("flags a key over the element rule even when it is small in bytes", () => {
    expect(keyFinding(entry("ids", 2 * MB, 150_000, "set"))!.evidence).toMatchObject({ rule: "bigkey-elements", elements: 150_000 });
    expect(keyFinding(entry("ok", 2 * MB, 10))).toBeUndefined();
  });

  it("lists at most MAX_KEY_FINDINGS keys and counts the rest on the first", () => {
    const entries = Array.from({ length: MAX_KEY_FINDINGS + 3 }, (_, i) => entry(`k${i}`, 20 * MB - i, 1));
    const f = bigkeyFindings({ flagged: { entries, more: 2 }, scanned: 100, partial: false, unfinishedNodes: 0 });
    expect(f).toHaveLength(MAX_KEY_FINDINGS);
    expect(f[0]!.evidence.moreBigKeys).toBe(5);
  });

  it("says when the scan stopped early, and rules the big key out after a complete clean scan", () => {
    const partial = bigkeyFindings({ flagged: { entries: [], more: 0 }, scanned: 10, partial: true, stoppedBy: "budget", unfinishedNodes: 1 });
    expect(partial).toEqual([expect.objectContaining({ code: "bigkey.scan-partial", severity: "info", evidence: { scanned: 10, stoppedBy: "budget", unfinishedNodes: 1 } })]);
    const clean = bigkeyFindings({ flagged: { entries: [], more: 0 }, scanned: 10, partial: false, unfinishedNodes: 0 });
    expect(clean).toEqual([expect.objectContaining({ code: "bigkey.none-found", severity: "ok" })]);
  });
});
