// The route role table: every handler under app/api declares its role in withApi, and the table in
// lib/testing/api-routes.ts pins it. A route file added without an entry there fails this test.
import { describe, expect, it } from "vitest";
import { EXPECTED_ROLES, METHODS, routeFiles } from "@/lib/testing/api-routes";

describe("route role table", () => {
  it("every exported handler declares the expected role", async () => {
    const found: Record<string, string> = {};
    for (const { file, url } of routeFiles()) {
      const mod = (await import(file)) as Record<string, unknown>;
      for (const m of METHODS) {
        const h = mod[m] as { auth?: string } | undefined;
        if (h) found[`${m} ${url}`] = h.auth ?? "(none)";
      }
    }
    expect(found).toEqual(EXPECTED_ROLES);
    // Importing every route module (and through them most of lib/) takes seconds on a busy machine.
  }, 60_000);
});
