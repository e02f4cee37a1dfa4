// From the identity provider's claims to a Redline role. The role claim (default `groups`) may be a
// string, a list, or a space/comma separated string, and may sit in a nested object (`realm_access.roles`,
// Keycloak's layout). Admin wins over responder; anyone else signed in by the provider is a viewer.
// Pure: unit-tested, and the same function decides on every sign-in.
import type { Role } from "../roles";

export interface RoleMapping {
  roleClaim: string;
  adminValues: string[];
  responderValues: string[];
}

/** The claim by its name, or by a dotted path into nested objects; undefined when absent. */
export function lookupClaim(claims: Record<string, unknown>, name: string): unknown {
  if (name in claims) return claims[name];
  // A dotted name that is not itself a claim walks into nested objects.
  let value: unknown = claims;
  for (const part of name.split(".")) {
    if (!value || typeof value !== "object" || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** The claim's values as strings; numbers and booleans count, objects do not. */
export function claimValues(claims: Record<string, unknown>, name: string): string[] {
  const value = lookupClaim(claims, name);
  const items = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return items
    .filter((v) => typeof v === "string" || typeof v === "number" || typeof v === "boolean")
    .flatMap((v) => (typeof v === "string" ? v.split(/[\s,]+/) : [String(v)]))
    .filter(Boolean);
}

export function roleFromClaims(claims: Record<string, unknown>, mapping: RoleMapping): Role {
  const values = new Set(claimValues(claims, mapping.roleClaim));
  if (mapping.adminValues.some((v) => values.has(v))) return "admin";
  if (mapping.responderValues.some((v) => values.has(v))) return "responder";
  return "viewer";
}
