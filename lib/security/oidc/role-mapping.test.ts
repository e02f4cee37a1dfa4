// Claim → role: every claim shape providers send, and the order admin > responder > viewer.
import { describe, expect, it } from "vitest";
import { claimValues, roleFromClaims } from "./role-mapping";

const mapping = { roleClaim: "groups", adminValues: ["redis-admins"], responderValues: ["oncall", "sre"] };

describe("roleFromClaims", () => {
  it("maps a list claim, admin first", () => {
    expect(roleFromClaims({ groups: ["oncall", "redis-admins"] }, mapping)).toBe("admin");
    expect(roleFromClaims({ groups: ["devs", "sre"] }, mapping)).toBe("responder");
    expect(roleFromClaims({ groups: ["devs"] }, mapping)).toBe("viewer");
  });

  it("gives a viewer when the claim is missing, empty or of an unusable shape", () => {
    expect(roleFromClaims({}, mapping)).toBe("viewer");
    expect(roleFromClaims({ groups: [] }, mapping)).toBe("viewer");
    expect(roleFromClaims({ groups: { "redis-admins": true } }, mapping)).toBe("viewer");
    expect(roleFromClaims({ groups: null }, mapping)).toBe("viewer");
  });

  it("gives a viewer when no values are configured", () => {
    expect(roleFromClaims({ groups: ["redis-admins"] }, { roleClaim: "groups", adminValues: [], responderValues: [] })).toBe("viewer");
  });

  it("matches exactly: no prefixes, no case folding", () => {
    expect(roleFromClaims({ groups: ["redis-admins-old"] }, mapping)).toBe("viewer");
    expect(roleFromClaims({ groups: ["Redis-Admins"] }, mapping)).toBe("viewer");
  });

  it("reads a single string, a space or comma separated string", () => {
    expect(roleFromClaims({ groups: "redis-admins" }, mapping)).toBe("admin");
    expect(roleFromClaims({ groups: "devs sre" }, mapping)).toBe("responder");
    expect(roleFromClaims({ groups: "devs,oncall" }, mapping)).toBe("responder");
  });

  it("walks a dotted claim name into nested objects (Keycloak realm roles)", () => {
    const m = { ...mapping, roleClaim: "realm_access.roles" };
    expect(roleFromClaims({ realm_access: { roles: ["redis-admins"] } }, m)).toBe("admin");
    expect(roleFromClaims({ realm_access: ["redis-admins"] }, m)).toBe("viewer");
  });

  it("prefers a claim whose own name has a dot (namespaced claims)", () => {
    const m = { ...mapping, roleClaim: "https://example.com/roles" };
    expect(roleFromClaims({ "https://example.com/roles": ["sre"] }, m)).toBe("responder");
  });
});

describe("claimValues", () => {
  it("keeps numbers and booleans as strings, drops objects", () => {
    expect(claimValues({ g: [1, true, "a b", { x: 1 }] }, "g")).toEqual(["1", "true", "a", "b"]);
  });
});
