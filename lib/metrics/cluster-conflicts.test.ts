import { describe, expect, it } from "vitest";
import { conflictingSlots } from "./cluster-conflicts";

const A = "a".repeat(40);
const B = "b".repeat(40);
const C = "c".repeat(40);
const line = (id: string, port: number, flags: string, slots: string) => `${id} 127.0.0.1:${port}@${port + 10000} ${flags} - 0 0 1 connected ${slots}`;

describe("conflictingSlots", () => {
  it("is 0 when every view agrees", () => {
    const view = [line(A, 7000, "master", "0-8191"), line(B, 7001, "master", "8192-16383")].join("\n");
    expect(conflictingSlots([{ observer: "a", text: view }, { observer: "b", text: view }])).toBe(0);
  });

  it("counts slots that two views give to different masters (split brain)", () => {
    const before = [line(A, 7000, "myself,master", "0-8191"), line(B, 7001, "master", "8192-16383"), line(C, 7002, "slave", "")].join("\n");
    // The partitioned side promoted C for B's first 100 slots.
    const after = [line(A, 7000, "master", "0-8191"), line(B, 7001, "master", "8292-16383"), line(C, 7002, "myself,master", "8192-8291")].join("\n");
    expect(conflictingSlots([{ observer: "a", text: before }, { observer: "c", text: after }])).toBe(100);
  });

  it("needs two views to compare", () => {
    expect(conflictingSlots([{ observer: "a", text: line(A, 7000, "master", "0-16383") }])).toBe(0);
  });
});
