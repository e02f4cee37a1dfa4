// Role order and the probe-cost rule: the two facts every permission check rests on.
import { describe, expect, it } from "vitest";
import { atLeast, isRole, roleForProbeCost, ROLES } from "./roles";

describe("roles", () => {
  it("orders viewer < responder < admin", () => {
    expect(ROLES).toEqual(["viewer", "responder", "admin"]);
    expect(atLeast("admin", "responder")).toBe(true);
    expect(atLeast("responder", "responder")).toBe(true);
    expect(atLeast("responder", "admin")).toBe(false);
    expect(atLeast("viewer", "responder")).toBe(false);
    expect(atLeast("viewer", "viewer")).toBe(true);
  });
  it("recognises role names only", () => {
    expect(isRole("admin")).toBe(true);
    expect(isRole("root")).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });
  it("lets a viewer run O(1) probes only", () => {
    expect(roleForProbeCost("O(1)")).toBe("viewer");
    expect(roleForProbeCost("bounded-scan")).toBe("responder");
    expect(roleForProbeCost("sampling")).toBe("responder");
  });
});
